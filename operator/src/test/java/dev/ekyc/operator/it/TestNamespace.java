package dev.ekyc.operator.it;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** A namespace of its own for each test class, so tests never see each other's resources. */
public final class TestNamespace {
  private TestNamespace() {}

  public static String create(KubernetesClient client, String prefix) {
    String name =
        (prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  /**
   * Best effort: without a controller-manager the namespace stays Terminating, which is harmless
   * here.
   */
  public static void delete(KubernetesClient client, String name) {
    client.namespaces().withName(name).delete();
  }
}
