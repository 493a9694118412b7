package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.borealis.job.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WrapperScriptTest {

    @TempDir
    Path dir;

    @Test
    void quotesAsOneSingleQuotedWord() {
        assertThat(WrapperScript.quote("echo hi")).isEqualTo("'echo hi'");
        assertThat(WrapperScript.quote("")).isEqualTo("''");
        assertThat(WrapperScript.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(WrapperScript.quote("''")).isEqualTo("''\\'''\\'''");
        assertThat(WrapperScript.quote("$HOME `id` \\n")).isEqualTo("'$HOME `id` \\n'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain",
                "it's",
                "'",
                "''quoted''",
                "$HOME and ${PATH} and $(id) and `id`",
                "back\\slash \\' \\\\",
                "semi; colon && pipe | amp & gt > lt < star * question ? tilde ~ hash #",
                "line one\nline two\n",
                "\"double\" quotes",
                "ünïcødé ✓ 😀",
                "-n"
            })
    void quotedTextReachesTheShellUnchanged(String text) throws Exception {
        Process shell = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + WrapperScript.quote(text))
                .redirectErrorStream(true)
                .start();
        String said = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(said).isEqualTo(text);
        assertThat(shell.exitValue()).isZero();
    }

    @Test
    void rendersEachProcessAsAQuotedShellCommandInOrder() {
        String script = WrapperScript.render(
                "job-0-abc",
                List.of(new ProcessSpec("fetch", "curl 'http://x'"), new ProcessSpec("serve", "exec ./serve $PORT")));

        assertThat(script)
                .startsWith("#!/bin/sh\n# Borealis task wrapper for task job-0-abc")
                .contains("IFS= read -r borealis_go || exit 125\n")
                .contains("exec </dev/null\n")
                .contains("trap 'exit 143' TERM\n")
                .contains("/bin/sh -c 'curl '\\''http://x'\\'''\n")
                .contains("/bin/sh -c 'exec ./serve $PORT'\n")
                .contains("borealis_done \"$borealis_status\" 0\n")
                .contains("borealis_done \"$borealis_status\" 1\n")
                .endsWith("borealis_done 0 -\n");
        assertThat(script.indexOf("curl")).isLessThan(script.indexOf("serve $PORT"));
    }

    @Test
    void refusesNoProcessesAndNulCharacters() {
        assertThatThrownBy(() -> WrapperScript.render("t", List.of())).hasMessage("a task needs at least one process");
        assertThatThrownBy(() -> WrapperScript.render("t", List.of(new ProcessSpec("bad", "echo \0"))))
                .hasMessage("process 'bad' has no usable command");
    }

    @Test
    void theScriptRunsProcessesInOrderStopsAtTheFirstFailureAndRecordsIt() throws Exception {
        String script = WrapperScript.render(
                "t1",
                List.of(
                        new ProcessSpec("first", "echo \"first: it's $BOREALIS_TEST\""),
                        new ProcessSpec("second", "echo second; exit 7"),
                        new ProcessSpec("third", "echo third")));

        Run run = run(script, "go\n");

        assertThat(run.exit()).isEqualTo(7);
        assertThat(run.stdout()).isEqualTo("first: it's visible\nsecond\n");
        assertThat(Files.readString(dir.resolve("exit_status"))).isEqualTo("7 1\n");
        assertThat(ExitRecord.parse(Files.readString(dir.resolve("exit_status"))))
                .contains(new ExitRecord(7, 1));
        assertThat(dir.resolve(".exit_status.tmp")).doesNotExist();
    }

    @Test
    void aScriptWhoseProcessesAllSucceedRecordsZero() throws Exception {
        Run run = run(
                WrapperScript.render("t2", List.of(new ProcessSpec("a", "true"), new ProcessSpec("b", "true"))),
                "go\n");

        assertThat(run.exit()).isZero();
        assertThat(Files.readString(dir.resolve("exit_status"))).isEqualTo("0 -\n");
    }

    @Test
    void processesDoNotReadTheLaunchPipe() throws Exception {
        Run run = run(WrapperScript.render("t3", List.of(new ProcessSpec("a", "cat; echo done"))), "go\nsecret\n");

        assertThat(run.stdout()).isEqualTo("done\n");
    }

    @Test
    void withoutTheGoAheadNothingRunsAndNothingIsRecorded() throws Exception {
        Run run = run(WrapperScript.render("t4", List.of(new ProcessSpec("a", "echo ran"))), "");

        assertThat(run.exit()).isEqualTo(WrapperScript.NOT_STARTED);
        assertThat(run.stdout()).isEmpty();
        assertThat(dir.resolve("exit_status")).doesNotExist();
    }

    @Test
    void sigtermEndsTheWrapperOnceTheRunningProcessHasEndedWithoutStartingTheNext() throws Exception {
        String script = WrapperScript.render(
                "t5",
                List.of(
                        new ProcessSpec(
                                "first", "trap '' TERM; echo waiting; while [ ! -f stop ]; do sleep 0.05; done"),
                        new ProcessSpec("second", "echo second")));
        Files.writeString(dir.resolve("run.sh"), script);
        Process wrapper = new ProcessBuilder("/bin/sh", dir.resolve("run.sh").toString())
                .directory(dir.toFile())
                .redirectOutput(Redirect.appendTo(dir.resolve("stdout").toFile()))
                .start();
        try (OutputStream in = wrapper.getOutputStream()) {
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(dir.resolve("stdout"))
                        && Files.readString(dir.resolve("stdout")).equals("waiting\n"));

        wrapper.toHandle().destroy();
        Files.createFile(dir.resolve("stop"));

        assertThat(wrapper.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wrapper.exitValue()).isEqualTo(143);
        assertThat(Files.readString(dir.resolve("stdout"))).isEqualTo("waiting\n");
        assertThat(dir.resolve("exit_status")).doesNotExist();
    }

    private record Run(int exit, String stdout) {}

    private Run run(String script, String stdin) throws IOException, InterruptedException {
        Path file = dir.resolve("run.sh");
        Files.writeString(file, script);
        Path stdout = dir.resolve("stdout");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", file.toString())
                .directory(dir.toFile())
                .redirectOutput(Redirect.appendTo(stdout.toFile()))
                .redirectError(Redirect.INHERIT);
        builder.environment().put("BOREALIS_TEST", "visible");
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.exists(stdout) ? Files.readString(stdout) : "");
    }
}
