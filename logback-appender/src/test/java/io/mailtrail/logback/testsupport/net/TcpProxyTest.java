package io.mailtrail.logback.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailtrail.logback.testsupport.net.TcpProxy.PauseMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    private EchoServer echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = TcpProxy.start("127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBytesBothWaysAndCountsConnections() throws Exception {
        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "hello\n")).isEqualTo("hello\n");
            socket.getOutputStream().write(big);
            assertThat(socket.getInputStream().readNBytes(big.length)).isEqualTo(big);
            assertThat(proxy.acceptedConnections()).isEqualTo(1);
            assertThat(proxy.activeConnections()).isEqualTo(1);
        }
        try (Socket second = connect()) {
            assertThat(roundTrip(second, "again\n")).isEqualTo("again\n");
        }
        assertThat(proxy.acceptedConnections()).isEqualTo(2);
        waitUntil(() -> proxy.activeConnections() == 0);
        assertThat(proxy.forwardedBytes()).isEqualTo(2L * (6 + big.length) + 2L * 6);
    }

    @Test
    void pauseRefuseDropsConnectionsAndRefusesNewOnesUntilResume() throws Exception {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, "before\n")).isEqualTo("before\n");
            proxy.pause(PauseMode.REFUSE);
            assertThat(proxy.isPaused()).isTrue();
            assertDropped(open);
        }
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);

        proxy.resume();
        try (Socket again = connect()) {
            assertThat(roundTrip(again, "after\n")).isEqualTo("after\n");
        }
    }

    @Test
    void pauseHangAcceptsButNeverAnswersThenForwardsHeldConnectionsOnResume() throws Exception {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, "before\n")).isEqualTo("before\n");
            proxy.pause(PauseMode.HANG);
            assertDropped(open);
        }
        try (Socket hanging = connect()) {
            hanging.setSoTimeout(300);
            hanging.getOutputStream().write("waiting\n".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> hanging.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            waitUntil(() -> proxy.heldConnections() == 1);
            assertThat(proxy.activeConnections()).isZero();

            proxy.resume();
            hanging.setSoTimeout(5_000);
            assertThat(new String(hanging.getInputStream().readNBytes(8), StandardCharsets.UTF_8))
                    .as("what was sent during the pause arrives after it").isEqualTo("waiting\n");
            assertThat(proxy.heldConnections()).isZero();
        }
        try (Socket fresh = connect()) {
            assertThat(roundTrip(fresh, "fresh\n")).isEqualTo("fresh\n");
        }
    }

    @Test
    void unreachableTargetClosesTheClientConnection() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (TcpProxy nowhere = TcpProxy.start("127.0.0.1", closedPort);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), nowhere.port())) {
            socket.setSoTimeout(5_000);
            assertDropped(socket);
            waitUntil(() -> nowhere.activeConnections() == 0);
        }
    }

    @Test
    void closeStopsListeningAndRejectsFurtherPauses() throws Exception {
        try (Socket open = connect()) {
            proxy.close();
            assertDropped(open);
        }
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> proxy.pause(PauseMode.REFUSE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Integer.toString(proxy.port()));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(bytes);
        return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
    }

    /** The peer closed (EOF) or reset the connection. */
    private static void assertDropped(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        } catch (IOException e) {
            assertThat(e).isNotInstanceOf(SocketTimeoutException.class);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
