package dev.ekyc.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of docs/architecture.md, as rules the build enforces: no package cycles, and each
 * layer imports only what lies below it (core → adapters → enforcement → reconcilers; the job
 * process beside them; the CLI on top).
 */
class ArchitectureTest {
  private static final String ROOT = "dev.ekyc.operator";
  private static final String[] ADAPTERS = {
    ROOT + ".objectstore..",
    ROOT + ".search..",
    ROOT + ".sql..",
    ROOT + ".probe..",
    ROOT + ".credentials.."
  };
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    // Test classes by their folder, whatever the build directory is called (ArchUnit's
    // DO_NOT_INCLUDE_TESTS
    // expects target/test-classes; CI's mutation run builds into target/mutation-build/).
    ImportOption mainClassesOnly = location -> !location.contains("/test-classes/");
    classes = new ClassFileImporter().withImportOption(mainClassesOnly).importPackages(ROOT);
  }

  @Test
  void noPackageCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theCoreDependsOnTheApiOnly() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".objectstore..",
            ROOT + ".search..",
            ROOT + ".sql..",
            ROOT + ".probe..",
            ROOT + ".credentials..",
            ROOT + ".enforce..",
            ROOT + ".reconcile..",
            ROOT + ".job..",
            ROOT + ".jobrun..",
            ROOT + ".cli..",
            ROOT + ".observe..",
            ROOT + ".manifest..",
            "io.javaoperatorsdk..",
            "io.fabric8.kubernetes.client..",
            "software.amazon..",
            "java.sql..",
            "java.net.http..")
        .check(classes);
  }

  @Test
  void adaptersKnowNothingOfTheOperatorOrTheJobs() {
    noClasses()
        .that()
        .resideInAnyPackage(ADAPTERS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".enforce..",
            ROOT + ".reconcile..",
            ROOT + ".job..",
            ROOT + ".jobrun..",
            ROOT + ".cli..",
            "io.javaoperatorsdk..")
        .check(classes);
  }

  @Test
  void enforcementKnowsNothingOfReconcilersOrJobs() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".enforce..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".reconcile..",
            ROOT + ".job..",
            ROOT + ".jobrun..",
            ROOT + ".cli..",
            "io.javaoperatorsdk..")
        .check(classes);
  }

  @Test
  void theOperatorNeverImportsTheJobProcess() {
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".reconcile..", ROOT + ".enforce..", ROOT + ".job..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".jobrun..")
        .check(classes);
  }

  @Test
  void theJobProcessNeverImportsTheReconcilers() {
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".jobrun..", ROOT + ".job..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".reconcile..", ROOT + ".enforce..", ROOT + ".cli..", "io.javaoperatorsdk..")
        .check(classes);
  }

  @Test
  void reconcileStepsAndStatusNeverSeeJosdksContext() {
    noClasses()
        .that()
        .resideInAnyPackage(
            ROOT + ".reconcile.step..",
            ROOT + ".reconcile.status..",
            ROOT + ".reconcile.settings..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(Context.class)
        .check(classes);
  }

  @Test
  void nothingButTheCliImportsTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".cli..")
        .check(classes);
  }

  @Test
  void onlyTheWiringAndTheCliAssembleTheOperator() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + ".reconcile.wiring..", ROOT + ".cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".reconcile.wiring..")
        .check(classes);
  }
}
