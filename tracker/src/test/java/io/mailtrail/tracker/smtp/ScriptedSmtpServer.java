package io.mailtrail.tracker.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny SMTP responder on 127.0.0.1 that answers each stage with a scripted reply, for the reply codes a
 * real test server cannot be made to produce. {@link #HANG} makes it stop answering at that stage.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    static final String HANG = "<hang>";

    enum Stage { GREETING, AUTH, MAIL, RCPT, DATA_END }

    private final ServerSocket socket;
    private final Map<Stage, String> script = new EnumMap<>(Stage.class);
    private final Map<Stage, java.util.Deque<String>> once = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread acceptor;

    ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        script.put(Stage.GREETING, "220 scripted.test ESMTP");
        script.put(Stage.AUTH, "235 2.7.0 Authentication successful");
        script.put(Stage.MAIL, "250 2.1.0 Ok");
        script.put(Stage.RCPT, "250 2.1.5 Ok");
        script.put(Stage.DATA_END, "250 2.0.0 Ok: queued as 4FQ2");
        acceptor = new Thread(this::acceptLoop, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    ScriptedSmtpServer answer(Stage stage, String reply) {
        script.put(stage, reply);
        return this;
    }

    /** Answers {@code stage} with {@code reply} the next time only (queued per stage), then as scripted. */
    ScriptedSmtpServer answerOnce(Stage stage, String reply) {
        once.computeIfAbsent(stage, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).add(reply);
        return this;
    }

    int connections() {
        return connections.get();
    }

    private String replyFor(Stage stage) {
        java.util.Deque<String> queued = once.get(stage);
        String r = queued == null ? null : queued.poll();
        return r != null ? r : script.get(stage);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> converse(s), "scripted-smtp-conversation");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = s.getOutputStream()) {
            String greeting = replyFor(Stage.GREETING);
            if (!reply(out, greeting) || !greeting.startsWith("220")) {
                hold(in);
                return;
            }
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.toUpperCase(Locale.ROOT);
                boolean ok;
                if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
                    ok = reply(out, "250-scripted.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
                } else if (cmd.startsWith("AUTH")) {
                    ok = reply(out, replyFor(Stage.AUTH));
                } else if (cmd.startsWith("MAIL")) {
                    ok = reply(out, replyFor(Stage.MAIL));
                } else if (cmd.startsWith("RCPT")) {
                    ok = reply(out, replyFor(Stage.RCPT));
                } else if (cmd.startsWith("DATA")) {
                    ok = reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    while (ok && (line = in.readLine()) != null && !line.equals(".")) {
                        // message content is read and dropped
                    }
                    ok = ok && reply(out, replyFor(Stage.DATA_END));
                } else if (cmd.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    ok = reply(out, "250 2.0.0 Ok");
                }
                if (!ok) {
                    hold(in);
                    return;
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    /** Writes the reply; false for {@link #HANG}. */
    private static boolean reply(OutputStream out, String reply) throws IOException {
        if (HANG.equals(reply)) {
            return false;
        }
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    /** Keeps the connection open without answering until the client gives up. */
    private static void hold(BufferedReader in) {
        try {
            while (in.readLine() != null) {
                // wait for the client to close
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
