package dev.ekyc.operator.cli;

import dev.ekyc.operator.job.JobKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code purge}: one run of a policy's purge job; see {@link dev.ekyc.operator.jobrun.JobRun}. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Erase sensitive columns and delete rows one RetentionPolicy says are due, as its purge CronJob does.",
      "Reads the current policy from the API and refuses (with its own exit code) an invalid or conflicting policy,",
      "a store that is not Ready, or a second concurrent run. --dry-run and mode Audit count and delete nothing.",
      "The result is written to ConfigMap ekyc-run-<policy>."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:succeeded", "1:a rule failed (see the result record)", "2:usage error",
          "10:policy not found",
      "11:policy invalid", "12:policy in conflict", "13:store not Ready",
          "14:store type does not fit the command",
      "15:another run holds the Lease", "16:credentials missing", "17:Kubernetes API unavailable"
    })
public final class PurgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JobOptions options;

  @Override
  public Integer call() throws Exception {
    return options.run(spec, JobKind.PURGE);
  }
}
