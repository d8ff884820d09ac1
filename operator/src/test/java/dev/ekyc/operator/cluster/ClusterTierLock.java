package dev.ekyc.operator.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One cluster-tier test class at a time on the machine: the integration tests run in several JVMs
 * at once (failsafe's forkCount), and two classes installing the chart into the one test cluster
 * would break each other (same release, same host ports). The lock is a file lock, so it holds
 * across JVMs and is released by the kernel if a JVM dies. Held from before the class's
 * {@code @BeforeAll} to after its {@code @AfterAll}.
 */
public final class ClusterTierLock implements BeforeAllCallback, AfterAllCallback {
  private static final Path LOCK_FILE =
      Path.of(System.getProperty("java.io.tmpdir"), "ekyc-cluster-tier.lock");
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClusterTierLock.class);

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    FileChannel channel =
        FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    // Blocks while another JVM's cluster test holds it; failsafe's own timeout bounds the wait.
    FileLock lock = channel.lock();
    context.getStore(NAMESPACE).put(FileLock.class, lock);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    FileLock lock = context.getStore(NAMESPACE).remove(FileLock.class, FileLock.class);
    if (lock != null) {
      lock.release();
      lock.channel().close();
    }
  }
}
