package dev.ekyc.operator.cluster;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The cluster tier (tier 6 of docs/testing.md) as one suite: its classes share the one test cluster
 * and must not run at the same time, so failsafe hands the whole tier to one test JVM, and the
 * other JVMs run the rest meanwhile.
 */
@Suite
@SelectClasses({
  HelmInstallClusterIT.class,
  ReferenceJobsClusterIT.class,
  LeaderElectionClusterIT.class
})
class ClusterTierIT {}
