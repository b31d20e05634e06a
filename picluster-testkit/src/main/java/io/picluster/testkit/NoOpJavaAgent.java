package io.picluster.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;

/**
 * A Java agent that does nothing, as a user's {@code JAVA_TOOL_OPTIONS=-javaagent:...} (a profiler)
 * loads one: enough for the JVM to refuse to record a class-data archive while it is loaded.
 */
public final class NoOpJavaAgent {
  private NoOpJavaAgent() {}

  /** Compiles the agent and writes its jar into DIR; returns the jar. */
  public static Path jarIn(Path dir) throws IOException {
    Path source = Files.createDirectories(dir.resolve("no-op-agent")).resolve("NoOpAgent.java");
    Files.writeString(source, "public class NoOpAgent { public static void premain(String args) {} }\n");
    int code = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
        source.getParent().toString(), source.toString());
    if (code != 0) {
      throw new IOException("javac " + source + " exited " + code);
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), "NoOpAgent");
    Path jar = dir.resolve("no-op-agent.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry("NoOpAgent.class"));
      out.write(Files.readAllBytes(source.resolveSibling("NoOpAgent.class")));
      out.closeEntry();
    }
    return jar;
  }
}
