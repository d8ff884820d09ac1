package dev.ekyc.operator.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay on the pods' gateway address (the test cluster's bridge) to a server on the host's
 * loopback, e.g. the API server: pods off the host network have no other way to the host (no
 * kube-proxy, no NAT). TLS passes through untouched; the API server's certificate names the gateway
 * address.
 */
final class GatewayRelay implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;

  private GatewayRelay(ServerSocket listener, int targetPort) {
    this.listener = listener;
    this.targetPort = targetPort;
  }

  static GatewayRelay start(String gateway, int targetPort) throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getByName(gateway), 0));
    GatewayRelay relay = new GatewayRelay(listener, targetPort);
    daemon(relay::acceptLoop, "gateway-relay-accept");
    return relay;
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        daemon(() -> pump(client, server), "gateway-relay-up");
        daemon(() -> pump(server, client), "gateway-relay-down");
      } catch (IOException e) {
        // closed listener, or the target refused one connection: the pod's client retries
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // one side closed: close both below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
