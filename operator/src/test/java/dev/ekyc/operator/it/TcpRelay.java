package dev.ekyc.operator.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a fixed loopback port in front of a real server. Stopping it closes the port and
 * every open connection, which to a client is exactly a backend that went down; starting it again
 * on the same port is the backend coming back. Lets a test take a shared server "down" without
 * disturbing other tests.
 */
final class TcpRelay implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;

  private TcpRelay(int targetPort, int port) {
    this.targetPort = targetPort;
    this.port = port;
  }

  static TcpRelay to(int targetPort) throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    }
    TcpRelay relay = new TcpRelay(targetPort, free);
    relay.start();
    return relay;
  }

  int port() {
    return port;
  }

  synchronized void start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    listener = socket;
    Thread acceptor = new Thread(() -> accept(socket), "tcp-relay-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Closes the port and cuts every connection through it. */
  synchronized void stop() {
    closeQuietly(listener);
    sockets.forEach(TcpRelay::closeQuietly);
    sockets.clear();
  }

  @Override
  public void close() {
    stop();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        return; // listener closed by stop()
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // one side closed: close the other so the client sees the outage
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) c.close();
    } catch (Exception ignored) {
      // closing is best effort
    }
  }
}
