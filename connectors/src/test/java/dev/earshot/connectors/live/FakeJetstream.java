package dev.earshot.connectors.live;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * A local Jetstream: {@code /subscribe} over WebSocket, replaying its log from a {@code cursor} ({@code time_us},
 * inclusive, as Jetstream does; without one, from the start of its log) and then sending what is published
 * while connected. A connection can be told to
 * drop abruptly after some messages, as a network failure would.
 */
final class FakeJetstream extends WebSocketServer implements AutoCloseable {

    private static final Pattern CURSOR = Pattern.compile("[?&]cursor=(\\d+)");
    private static final Pattern TIME_US = Pattern.compile("\"time_us\":(\\d+)");

    private final List<String> log = new ArrayList<>();
    private final List<WebSocket> open = new ArrayList<>();
    private final Set<WebSocket> dropped = new HashSet<>();
    /** Each connection's request path and query, in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile int dropAfter = -1;
    private int sentOnThisConnection;

    FakeJetstream() throws InterruptedException {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        start();
        started.await(10, TimeUnit.SECONDS);
    }

    URI endpoint() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/subscribe");
    }

    /** The next connection drops after sending this many messages. */
    void dropNextConnectionAfter(int messages) {
        dropAfter = messages;
    }

    synchronized void publish(String event) {
        log.add(event);
        for (WebSocket socket : List.copyOf(open)) {
            send(socket, event);
        }
    }

    @Override
    public synchronized void onOpen(WebSocket socket, ClientHandshake handshake) {
        String request = handshake.getResourceDescriptor();
        requests.add(request);
        open.add(socket);
        sentOnThisConnection = 0;
        Matcher cursor = CURSOR.matcher(request);
        long from = cursor.find() ? Long.parseLong(cursor.group(1)) : 0;
        for (String event : log) {
            Matcher time = TIME_US.matcher(event);
            if (!time.find() || Long.parseLong(time.group(1)) >= from) {
                send(socket, event);
            }
        }
    }

    private void send(WebSocket socket, String event) {
        if (!socket.isOpen() || dropped.contains(socket)) {
            return;
        }
        try {
            socket.send(event);
        } catch (WebsocketNotConnectedException closedMeanwhile) {
            // The client went away between the check and the send (a failover): as a real server, lose it quietly.
            open.remove(socket);
            return;
        }
        if (++sentOnThisConnection == dropAfter) {
            dropAfter = -1;
            open.remove(socket);
            dropped.add(socket);
            // After the client has had the messages: an abrupt close may otherwise overtake what it has not read
            new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped");
            }).start();
        }
    }

    /** Refuses the upgrade of any path but {@code /subscribe}, as a wrong endpoint would (HTTP 404). */
    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket socket, Draft draft, ClientHandshake request)
            throws InvalidDataException {
        if (!request.getResourceDescriptor().startsWith("/subscribe?")) {
            requests.add(request.getResourceDescriptor());
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unknown path");
        }
        return super.onWebsocketHandshakeReceivedAsServer(socket, draft, request);
    }

    @Override
    public synchronized void onClose(WebSocket socket, int code, String reason, boolean remote) {
        open.remove(socket);
    }

    @Override
    public void onMessage(WebSocket socket, String message) {
    }

    @Override
    public void onError(WebSocket socket, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }

    static String postCreate(long timeUs, String text) {
        return """
                {"did":"did:plc:eawzq3rzfr3rrkfh7i6lcd6k","time_us":%d,"kind":"commit","commit":{"rev":"3lbqfh2gkq22k",\
                "operation":"create","collection":"app.bsky.feed.post","rkey":"3lbqf%d","record":{"$type":"app.bsky.feed.post",\
                "createdAt":"2026-11-24T21:40:11.204Z","langs":["en"],"text":"%s"},"cid":"bafyreibz3k7rgwrb5mxy2wzxq"}}"""
                .formatted(timeUs, timeUs, text);
    }

    /** An edit of the post {@link #postCreate} made at {@code createdUs}: the whole new record, under the same rkey. */
    static String postUpdate(long timeUs, long createdUs, String text) {
        return """
                {"did":"did:plc:eawzq3rzfr3rrkfh7i6lcd6k","time_us":%d,"kind":"commit","commit":{"rev":"3lbqfk4n7ct2k",\
                "operation":"update","collection":"app.bsky.feed.post","rkey":"3lbqf%d","record":{"$type":"app.bsky.feed.post",\
                "createdAt":"2026-11-24T21:40:11.204Z","langs":["en"],"text":"%s"},"cid":"bafyreic7d2ukq4xw5m3cz2nqa"}}"""
                .formatted(timeUs, createdUs, text);
    }

    static String postDelete(long timeUs) {
        return """
                {"did":"did:plc:eawzq3rzfr3rrkfh7i6lcd6k","time_us":%d,"kind":"commit","commit":{"rev":"3lbqfj7m2bs2k",\
                "operation":"delete","collection":"app.bsky.feed.post","rkey":"3lbqf%d"}}""".formatted(timeUs, timeUs - 1);
    }

    static String identity(long timeUs) {
        return """
                {"did":"did:plc:ufbl4k27gp6kzas5glhz7fim","time_us":%d,"kind":"identity","identity":{"did":\
                "did:plc:ufbl4k27gp6kzas5glhz7fim","handle":"river-watch.bsky.social","seq":2915432117,\
                "time":"2026-11-24T21:40:12.002Z"}}""".formatted(timeUs);
    }

    static String account(long timeUs) {
        return """
                {"did":"did:plc:ufbl4k27gp6kzas5glhz7fim","time_us":%d,"kind":"account","account":{"active":true,\
                "did":"did:plc:ufbl4k27gp6kzas5glhz7fim","seq":2915432118,"time":"2026-11-24T21:40:12.113Z"}}"""
                .formatted(timeUs);
    }
}
