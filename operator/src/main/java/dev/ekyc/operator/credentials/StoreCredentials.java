package dev.ekyc.operator.credentials;

import java.util.Optional;

/**
 * Everything a probe needs from a store's Secrets: the credentials for its backend type and,
 * optionally, a PEM bundle of extra CA certificates to trust.
 */
public sealed interface StoreCredentials {

  Optional<String> caPem();

  record ObjectStorage(AccessKey accessKey, Optional<String> caPem) implements StoreCredentials {}

  record Search(SearchAuth auth, Optional<String> caPem) implements StoreCredentials {}

  record Sql(UsernamePassword login, Optional<String> caPem) implements StoreCredentials {}
}
