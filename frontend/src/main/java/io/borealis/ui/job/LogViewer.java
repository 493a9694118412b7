package io.borealis.ui.job;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;
import io.borealis.cluster.LogChunk;
import io.borealis.cluster.LogStream;
import io.borealis.error.BorealisException;
import io.borealis.scheduler.ClusterService;
import io.borealis.ui.live.LiveUpdates;
import io.borealis.ui.support.Formats;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A task's stdout and stderr: the last part of the file (size chosen), following new output live
 * (new bytes are appended every second through push while following is on), and a download of the
 * whole file up to {@value #DOWNLOAD_CAP_MB} MB.
 */
class LogViewer extends Div {

    static final int DOWNLOAD_CAP_MB = 64;
    static final int SHOWN_MAX = 512 * 1024;
    static final List<Integer> TAIL_KB = List.of(4, 16, 64, 256, 1024);

    final Tabs streams = new Tabs();
    final Tab stdout = new Tab("stdout");
    final Tab stderr = new Tab("stderr");
    final Select<Integer> tail = new Select<>();
    final Button follow = new Button();
    final Anchor download = new Anchor();
    final Pre text = new Pre();
    final Span status = new Span();

    private final ClusterService cluster;
    private final LiveUpdates live;
    private final Deque<Element> pieces = new ArrayDeque<>();
    private String taskId;
    private long nextOffset;
    private int shownChars;
    private Registration following;

    LogViewer(ClusterService cluster, LiveUpdates live) {
        this.cluster = cluster;
        this.live = live;
        setId("log-viewer");
        addClassName("borealis-logs");

        streams.add(stdout, stderr);
        streams.setSelectedTab(stderr);
        streams.setId("log-streams");
        streams.addSelectedChangeListener(e -> reload());
        stdout.setId("log-stdout");
        stderr.setId("log-stderr");

        tail.setId("log-tail");
        tail.setAriaLabel("How much of the end to show");
        tail.setItems(TAIL_KB);
        tail.setItemLabelGenerator(kb -> "Last " + (kb >= 1024 ? kb / 1024 + " MB" : kb + " KB"));
        tail.setValue(16);
        tail.addValueChangeListener(e -> reload());

        follow.setId("log-follow");
        follow.addThemeVariants(ButtonVariant.LUMO_SMALL);
        follow.addClickListener(e -> setFollowing(following == null));
        showFollowing(false);

        download.setId("log-download");
        download.setText("Download");
        download.addClassName("borealis-download");
        download.getElement().setAttribute("aria-label", "Download the whole log");

        text.setId("log-text");
        text.addClassName("borealis-log-text");
        text.getElement().setAttribute("tabindex", "0");
        text.getElement().setAttribute("aria-label", "Log output");
        status.setId("log-status");
        status.addClassName("borealis-muted");

        Div controls = new Div(streams, tail, follow, download);
        controls.addClassName("borealis-log-controls");
        add(new H4("Logs"), controls, text, status);
        addDetachListener(e -> stopFollowing());
    }

    /** Shows a task's logs (or nothing, for an instance that never had a task). */
    void show(String newTaskId) {
        if (newTaskId != null && newTaskId.equals(taskId)) {
            return;
        }
        taskId = newTaskId;
        download.setVisible(taskId != null);
        reload();
    }

    String taskId() {
        return taskId;
    }

    LogStream stream() {
        return streams.getSelectedTab() == stdout ? LogStream.STDOUT : LogStream.STDERR;
    }

    /** The text shown now (for tests). */
    String shownText() {
        StringBuilder all = new StringBuilder();
        pieces.forEach(piece -> all.append(piece.getText()));
        return all.toString();
    }

    boolean isFollowing() {
        return following != null;
    }

    void setFollowing(boolean on) {
        stopFollowing();
        if (on && taskId != null) {
            following = live.every(this, Duration.ofSeconds(1), this::poll);
        }
        showFollowing(on && taskId != null);
    }

    private void stopFollowing() {
        if (following != null) {
            following.remove();
            following = null;
        }
    }

    private void showFollowing(boolean on) {
        follow.setText(on ? "Following" : "Follow");
        follow.setIcon(on ? VaadinIcon.PAUSE.create() : VaadinIcon.PLAY.create());
        follow.getElement().setAttribute("aria-pressed", Boolean.toString(on));
        if (on) {
            follow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        } else {
            follow.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
    }

    /** Reads the end of the chosen stream again. */
    void reload() {
        clear();
        if (taskId == null) {
            status.setText("This instance has no task, so there is no output.");
            return;
        }
        String id = taskId;
        LogStream stream = stream();
        download.setHref(downloadHandler(id, stream), AttachmentType.DOWNLOAD);
        int bytes = tail.getValue() * 1024;
        try {
            LogChunk chunk = cluster.readLog(id, stream, -bytes, Math.min(bytes, ClusterService.MAX_LOG_READ));
            append(chunk.data());
            nextOffset = chunk.nextOffset();
            status.setText(describe(chunk, stream));
        } catch (BorealisException e) {
            status.setText("The log could not be read: " + e.getMessage());
        }
    }

    /** Appends what was written since the last read (while following). */
    void poll() {
        if (taskId == null) {
            return;
        }
        try {
            LogChunk chunk = cluster.readLog(taskId, stream(), nextOffset, 64 * 1024);
            if (!chunk.data().isEmpty()) {
                append(chunk.data());
                text.getElement().executeJs("this.scrollTop = this.scrollHeight");
            }
            nextOffset = chunk.nextOffset();
            status.setText(describe(chunk, stream()) + " Following: new output appears every second.");
        } catch (BorealisException e) {
            status.setText("The log could not be read: " + e.getMessage());
        }
    }

    private void append(String data) {
        if (data.isEmpty()) {
            return;
        }
        Element piece = Element.createText(data);
        text.getElement().appendChild(piece);
        pieces.addLast(piece);
        shownChars += data.length();
        while (shownChars > SHOWN_MAX && pieces.size() > 1) {
            Element oldest = pieces.removeFirst();
            shownChars -= oldest.getText().length();
            text.getElement().removeChild(oldest);
        }
    }

    private void clear() {
        pieces.clear();
        shownChars = 0;
        text.getElement().removeAllChildren();
    }

    private static String describe(LogChunk chunk, LogStream stream) {
        if (chunk.size() == 0) {
            return stream.fileName() + " is empty.";
        }
        return "Showing " + Formats.bytes(chunk.nextOffset() - chunk.offset()) + " of " + stream.fileName() + " ("
                + Formats.bytes(chunk.size()) + " in all).";
    }

    private DownloadHandler downloadHandler(String id, LogStream stream) {
        return event -> {
            event.setFileName(id + "-" + stream.fileName() + ".log");
            event.setContentType("text/plain; charset=utf-8");
            long cap = DOWNLOAD_CAP_MB * 1024L * 1024L;
            long offset = 0;
            long written = 0;
            boolean truncated = false;
            try (OutputStream out = event.getOutputStream()) {
                while (true) {
                    LogChunk chunk = cluster.readLog(id, stream, offset, ClusterService.MAX_LOG_READ);
                    if (chunk.data().isEmpty()) {
                        break;
                    }
                    byte[] bytes = chunk.data().getBytes(StandardCharsets.UTF_8);
                    out.write(bytes);
                    written += bytes.length;
                    offset = chunk.nextOffset();
                    if (written >= cap) {
                        truncated = offset < chunk.size();
                        break;
                    }
                }
                if (truncated) {
                    out.write(("\n[Borealis: the download stops at " + DOWNLOAD_CAP_MB + " MB; the file is larger.]\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
        };
    }
}
