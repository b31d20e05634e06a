package io.picluster.launch.agent;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;

/**
 * Entry point of a host's agent: {@code java -cp picluster.jar io.picluster.launch.agent.AgentMain},
 * started by the launcher over SSH with the protocol on stdin and stdout, and the host's staging
 * cache folder as its argument. Not for people.
 */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) {
    int code = 0;
    try {
      // Raw descriptors: System.out is a PrintStream, which hides a broken connection.
      new Agent(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
          args.length > 0 ? args[0] : "").run();
    } catch (Exception e) {
      System.err.println("picluster agent: " + e.getMessage());
      code = 1;
    }
    // Forwarding threads may still block on the pipes of grandchildren that outlive their rank.
    Runtime.getRuntime().halt(code);
  }
}
