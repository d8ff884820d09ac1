package dev.ekyc.operator.credentials;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for a backend's TLS certificate: the JVM's default CAs plus the extra CAs of a PEM bundle
 * (a private CA, e.g. for Ceph or an internal Elasticsearch). Extra CAs add trust; they never
 * replace the defaults.
 */
public final class PemTrust {
  private PemTrust() {}

  /**
   * Trust managers for the default CAs plus {@code pem}; throws with a readable message on a bad
   * bundle.
   */
  public static TrustManager[] trustManagers(String pem) {
    try {
      X509TrustManager extra = managerFor(keyStoreOf(parse(pem)));
      X509TrustManager defaults = managerFor(null);
      return new TrustManager[] {new EitherTrustManager(extra, defaults)};
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot build a trust store from the CA bundle: " + e.getMessage(), e);
    }
  }

  public static SSLContext sslContext(String pem) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers(pem), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  static List<X509Certificate> parse(String pem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Collection<? extends Certificate> certs =
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : certs) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException(
            "the CA bundle holds no certificate: expected PEM blocks"
                + " (-----BEGIN CERTIFICATE-----)");
      }
      return out;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("the CA bundle is not valid PEM: " + e.getMessage(), e);
    }
  }

  private static KeyStore keyStoreOf(List<X509Certificate> certs) throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < certs.size(); i++) {
        store.setCertificateEntry("ca-" + i, certs.get(i));
      }
      return store;
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static X509TrustManager managerFor(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager available");
  }

  /** Accepts a server chain that either manager accepts. */
  private record EitherTrustManager(X509TrustManager first, X509TrustManager second)
      implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        first.checkClientTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkClientTrusted(chain, authType);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] a = first.getAcceptedIssuers();
      X509Certificate[] b = second.getAcceptedIssuers();
      X509Certificate[] all = new X509Certificate[a.length + b.length];
      System.arraycopy(a, 0, all, 0, a.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }
  }
}
