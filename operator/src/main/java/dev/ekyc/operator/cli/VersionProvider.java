package dev.ekyc.operator.cli;

import dev.ekyc.operator.api.v1alpha1.ApiConstants;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the build's version (from the jar's Maven metadata), the API it serves, and
 * the JVM.
 */
final class VersionProvider implements IVersionProvider {
  private static final String POM_PROPERTIES =
      "/META-INF/maven/dev.ekyc/ekyc-operator/pom.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
      "ekyc-operator " + version(),
      "API " + ApiConstants.GROUP + "/" + ApiConstants.VERSION,
      "Java " + System.getProperty("java.version")
    };
  }

  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall through: a version is nice to have, not worth failing over
    }
    return "(development build)";
  }
}
