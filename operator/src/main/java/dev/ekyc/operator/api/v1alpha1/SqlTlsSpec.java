package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** TLS settings for a SQL connection. */
@ValidationRule(
    value = "!(self.mode in ['VerifyCA', 'VerifyIdentity']) || has(self.caSecretRef)",
    message =
        "mode VerifyCA and VerifyIdentity need caSecretRef: the CA that signed the server certificate")
public class SqlTlsSpec {
  @Default("Required")
  @JsonPropertyDescription(
      "Disabled, Preferred, Required (encrypt, do not verify), VerifyCA or VerifyIdentity (also check the host"
          + " name). Personal data crosses this connection: prefer VerifyIdentity.")
  public SqlTlsMode mode = SqlTlsMode.Required;

  @JsonPropertyDescription(
      "Secret holding the CA certificate(s) that signed the server certificate.")
  public CaSecretRef caSecretRef;
}
