package io.mailtrail.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real SMTP server on the loopback address and a free port that answers each {@link SmtpStage} with a
 * scripted reply, for the replies a full test server (GreenMail) cannot be made to give: {@code 535} at AUTH,
 * {@code 550 5.1.1} at RCPT, {@code 451}/{@code 454} anywhere, a {@code 421} greeting, a server that stops
 * answering ({@link #HANG}) or hangs up ({@link #DROP}).
 *
 * <pre>{@code
 * try (ScriptedSmtpServer smtp = ScriptedSmtpServer.start()
 *         .reply(SmtpStage.RCPT, "550 5.1.1 <bob@example.org>: Recipient address rejected")) {
 *     // point mail.smtp.host/port at 127.0.0.1 and smtp.port(), send, assert on the failure
 * }
 * }</pre>
 *
 * <p>Without a script every stage succeeds, so it also serves happy paths; it then keeps each message it
 * accepted ({@link #messages()}). It speaks plain SMTP with {@code AUTH PLAIN} and {@code AUTH LOGIN}, no
 * STARTTLS. Each connection has its own thread. Passwords are never recorded.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** As a reply: say nothing at that stage and keep the connection open (the client's read timeout fires). */
    public static final String HANG = "<hang>";
    /** As a reply: close the connection at that stage without a reply. */
    public static final String DROP = "<drop>";

    private final ServerSocket socket;
    private final Map<SmtpStage, String> replies = new ConcurrentHashMap<>(new EnumMap<>(Map.of(
            SmtpStage.GREETING, "220 scripted.test ESMTP",
            SmtpStage.AUTH, "235 2.7.0 Authentication successful",
            SmtpStage.MAIL, "250 2.1.0 Ok",
            SmtpStage.RCPT, "250 2.1.5 Ok",
            SmtpStage.DATA, "354 End data with <CR><LF>.<CR><LF>",
            SmtpStage.DATA_END, "250 2.0.0 Ok: queued as 4FQ2")));
    private final Map<SmtpStage, Deque<String>> once = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> users = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "scripted-smtp-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server on a free loopback port; every stage succeeds until scripted otherwise. Close it when done. */
    public static ScriptedSmtpServer start() throws IOException {
        return new ScriptedSmtpServer();
    }

    /**
     * Answers {@code stage} with {@code reply} from now on. A reply is one SMTP reply line ({@code "550 5.1.1 ..."})
     * or several joined with {@code \r\n}, or {@link #HANG} or {@link #DROP}.
     */
    public ScriptedSmtpServer reply(SmtpStage stage, String reply) {
        replies.put(stage, check(reply));
        return this;
    }

    /** Answers {@code stage} with {@code reply} the next time only (queued per stage), then as scripted before. */
    public ScriptedSmtpServer replyOnce(SmtpStage stage, String reply) {
        once.computeIfAbsent(stage, k -> new ConcurrentLinkedDeque<>()).add(check(reply));
        return this;
    }

    /** The port it listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** {@code 127.0.0.1} (the loopback address it listens on). */
    public String host() {
        return socket.getInetAddress().getHostAddress();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** The command lines received so far, in order, as sent (AUTH credentials replaced by {@code ***}). */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** The content (headers and body, dot-unstuffed) of each message whose final {@code .} got a 2xx reply. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** The user names clients authenticated with (never the passwords). */
    public List<String> authenticatedUsers() {
        return List.copyOf(users);
    }

    /** Stops listening and closes the open connections. */
    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public String toString() {
        return "ScriptedSmtpServer[" + host() + ":" + port() + "]";
    }

    private static String check(String reply) {
        if (reply == null || (!HANG.equals(reply) && !DROP.equals(reply) && !reply.matches("(?s)[2-5]\\d\\d([ -].*)?"))) {
            throw new IllegalArgumentException("reply: '" + reply + "' is no SMTP reply (3-digit code 2xx-5xx first), HANG or DROP");
        }
        return reply;
    }

    private String replyFor(SmtpStage stage) {
        Deque<String> queued = once.get(stage);
        String r = queued == null ? null : queued.poll();
        return r != null ? r : replies.get(stage);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> converse(s), "scripted-smtp-conversation");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** What to do after a reply: go on, or stop (the reply was HANG/DROP, or it ends the conversation). */
    private enum Next { GO_ON, STOP }

    private void converse(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = s.getOutputStream()) {
            String greeting = replyFor(SmtpStage.GREETING);
            if (send(out, in, greeting) == Next.STOP || !greeting.startsWith("220")) {
                return;
            }
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                commands.add(verb.equals("AUTH") ? redactAuth(line) : line);
                Next next = switch (verb) {
                    case "EHLO" -> send(out, in, "250-scripted.test\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SIZE 10485760");
                    case "HELO" -> send(out, in, "250 scripted.test");
                    case "AUTH" -> auth(line, in, out);
                    case "MAIL" -> send(out, in, replyFor(SmtpStage.MAIL));
                    case "RCPT" -> send(out, in, replyFor(SmtpStage.RCPT));
                    case "DATA" -> data(in, out);
                    case "QUIT" -> {
                        send(out, in, "221 2.0.0 Bye");
                        yield Next.STOP;
                    }
                    case "RSET", "NOOP" -> send(out, in, "250 2.0.0 Ok");
                    default -> send(out, in, "502 5.5.2 Command not recognized");
                };
                if (next == Next.STOP) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // the client went away
        } finally {
            open.remove(s);
        }
    }

    private Next auth(String line, BufferedReader in, OutputStream out) throws IOException {
        String[] parts = line.trim().split("\\s+");
        String mechanism = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
        String user;
        if (mechanism.equals("PLAIN")) {
            String initial = parts.length > 2 ? parts[2] : null;
            if (initial == null) {
                if (send(out, in, "334 ") == Next.STOP) {
                    return Next.STOP;
                }
                initial = in.readLine();
            }
            user = plainUser(initial);
        } else if (mechanism.equals("LOGIN")) {
            String name = parts.length > 2 ? parts[2] : null;
            if (name == null) {
                send(out, in, "334 VXNlcm5hbWU6");
                name = in.readLine();
            }
            send(out, in, "334 UGFzc3dvcmQ6");
            String password = in.readLine();
            if (password == null) {
                return Next.STOP;
            }
            user = decode(name);
        } else {
            return send(out, in, "504 5.5.4 Unrecognized authentication type");
        }
        String reply = replyFor(SmtpStage.AUTH);
        if (reply.startsWith("235") && user != null) {
            users.add(user);
        }
        return send(out, in, reply);
    }

    private Next data(BufferedReader in, OutputStream out) throws IOException {
        String go = replyFor(SmtpStage.DATA);
        Next next = send(out, in, go);
        if (next == Next.STOP || !go.startsWith("354")) {
            return next;
        }
        StringBuilder content = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            content.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        if (line == null) {
            return Next.STOP;
        }
        String reply = replyFor(SmtpStage.DATA_END);
        if (reply.startsWith("2")) {
            messages.add(content.toString());
        }
        return send(out, in, reply);
    }

    private static String plainUser(String base64) {
        String decoded = decode(base64);
        if (decoded == null) {
            return null;
        }
        String[] fields = decoded.split("\u0000", -1);
        return fields.length >= 3 ? fields[1] : null;
    }

    private static String decode(String base64) {
        try {
            return base64 == null ? null : new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String redactAuth(String line) {
        String[] parts = line.trim().split("\\s+");
        List<String> kept = new ArrayList<>(List.of(parts).subList(0, Math.min(2, parts.length)));
        if (parts.length > 2) {
            kept.add("***");
        }
        return String.join(" ", kept);
    }

    /** Writes {@code reply}; for {@link #HANG} waits for the client to give up, for {@link #DROP} hangs up. */
    private static Next send(OutputStream out, BufferedReader in, String reply) throws IOException {
        if (HANG.equals(reply)) {
            try {
                while (in.readLine() != null) {
                    // keep the connection open, silent, until the client closes it
                }
            } catch (IOException ignored) {
                // closed
            }
            return Next.STOP;
        }
        if (DROP.equals(reply)) {
            return Next.STOP;
        }
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply.startsWith("421") ? Next.STOP : Next.GO_ON;
    }
}
