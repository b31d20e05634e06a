package io.picluster.cli;

import io.picluster.setup.power.PowerAction;
import picocli.CommandLine.Command;

/** {@code picluster reboot}: as {@link ShutdownCommand}, with {@code systemctl reboot}. */
@Command(
    name = "reboot",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reboots the cluster: every worker at once (sudo -n systemctl reboot over ssh), then, when"
          + " all of them have taken the command, the master (here, if you run it on the master)."
          + " Asks first: 'Reboot node2, node3, then node1? [y/N]'.",
      "A worker that does not take it is named with ssh's or sudo's reason and the fix, and the"
          + " master then stays up (unless --force).",
      "Test hook: PICLUSTER_POWER_COMMAND, as for shutdown.",
      "Exit code: 0 if every node took the command, 1 if one did not or you said no, 2 for a"
          + " usage error."
    })
final class RebootCommand extends ShutdownCommand {
  @Override
  PowerAction action() {
    return PowerAction.REBOOT;
  }
}
