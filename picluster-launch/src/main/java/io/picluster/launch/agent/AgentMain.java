package io.picluster.launch.agent;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of a host's agent: {@code java -cp picluster.jar io.picluster.launch.agent.AgentMain},
 * started by the launcher over SSH with the protocol on stdin and stdout, and the host's staging
 * cache folder as its argument; or, inside a Slurm allocation, started by one srun step with
 * {@code --connect HOST:PORT}: it then connects to the launcher, introduces itself with the job's
 * token ({@code PICLUSTER_AGENT_TOKEN}) and its Slurm node name, and carries the protocol on that
 * connection. With {@code --connect -} (a step started early, {@code EarlySrunStep}) it first reads
 * {@code HOST:PORT TOKEN} from stdin. Not for people.
 */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) {
    int code = 0;
    try {
      if (args.length == 2 && args[0].equals("--connect")) {
        connectBack(args[1]);
      } else {
        // Raw descriptors: System.out is a PrintStream, which hides a broken connection.
        new Agent(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
            args.length > 0 ? args[0] : "").run();
      }
    } catch (Exception e) {
      System.err.println("picluster agent: " + e.getMessage());
      code = 1;
    }
    // Forwarding threads may still block on the pipes of grandchildren that outlive their rank.
    Runtime.getRuntime().halt(code);
  }

  private static void connectBack(String hostPort) throws Exception {
    String token = System.getenv("PICLUSTER_AGENT_TOKEN");
    if (hostPort.equals("-")) {
      // A step started before the launcher knew its address: it comes on stdin, with the token.
      // The end of stdin instead means the launcher did not need this step: leave quietly.
      String[] told = firstLine(new FileInputStream(FileDescriptor.in)).split(" ");
      if (told.length != 2) {
        return;
      }
      hostPort = told[0];
      token = told[1];
    }
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    String node = System.getenv("SLURMD_NODENAME");
    if (token == null || node == null) {
      throw new IllegalStateException("--connect needs PICLUSTER_AGENT_TOKEN and SLURMD_NODENAME (srun sets it)");
    }
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 30_000);
    OutputStream out = socket.getOutputStream();
    out.write((token + " " + node + "\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    new Agent(socket.getInputStream(), out, "", socket.getInetAddress(), socket.getLocalAddress()).run();
  }

  /** The first line of IN (at most 512 bytes), read byte by byte; empty at its end. */
  private static String firstLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c; line.length() < 512 && (c = in.read()) >= 0 && c != '\n'; ) {
      line.append((char) c);
    }
    return line.toString();
  }
}
