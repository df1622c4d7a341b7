package dev.earshot.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on this machine for the services Earshot starts itself (`earshot local ...` and the tests' brokers). */
public final class LocalPorts {

    private LocalPorts() {
    }

    /**
     * Fails unless {@code port} is free on every address of {@code host}: asked before the service binds it, whose own
     * failure comes after its start-up and with pages of its logging.
     *
     * @param service what normally listens there, named in the message ("another Kafka?")
     */
    public static void requireFree(String host, int port, String service) throws IOException {
        for (InetAddress address : InetAddress.getAllByName(host)) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(address, port));
            } catch (IOException e) {
                throw new IOException(host + ":" + port + " is in use (another " + service + "?): stop it, or choose another port", e);
            }
        }
    }

    /** A port free now, picked by the system. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on this machine", e);
        }
    }
}
