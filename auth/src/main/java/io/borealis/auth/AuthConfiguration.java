package io.borealis.auth;

import io.borealis.auth.access.AccessProperties;
import io.borealis.auth.demo.DemoProperties;
import io.borealis.auth.signin.SignInProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers this module's {@code borealis.*} properties. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SignInProperties.class, DemoProperties.class, AccessProperties.class})
public class AuthConfiguration {}
