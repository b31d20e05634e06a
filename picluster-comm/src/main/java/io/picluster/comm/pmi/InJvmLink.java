package io.picluster.comm.pmi;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A rank's end of a PMI connection to a server in the same JVM: what {@link PmiClient} writes, cut
 * into lines and handed to the server's request sink in the writer's own thread; closing it hands
 * the sink a null line. Only JDK types cross: the server and the rank have different copies of
 * picluster's classes.
 */
final class InJvmLink extends OutputStream {
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
  private Consumer<String> server;

  /** Where the lines go from now on. */
  void attach(Consumer<String> server) {
    this.server = server;
  }

  @Override
  public void write(int b) {
    if (b == '\n') {
      String request = line.toString(StandardCharsets.ISO_8859_1);
      line.reset();
      server.accept(request);
    } else {
      line.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.accept(null);
    }
  }
}
