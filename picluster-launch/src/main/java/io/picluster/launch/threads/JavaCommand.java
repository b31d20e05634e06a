package io.picluster.launch.threads;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * A {@code java} command line, understood well enough to run it as a thread of this JVM: the class
 * path ({@code -cp}, {@code -classpath}, {@code --class-path}, {@code -jar} with its manifest's
 * Main-Class and Class-Path, else {@code CLASSPATH} or the folder), the main class and its
 * arguments, {@code -D} properties (set JVM-wide, so the same for every rank) and
 * {@code -ea}. Any other JVM option cannot be honoured inside a running JVM and is refused, by name.
 */
public record JavaCommand(List<URL> classpath, String mainClass, List<String> args,
    Map<String, String> systemProperties, boolean assertions) {

  /**
   * Parses {@code command} (program first), with relative paths taken from {@code workDir} and
   * {@code CLASSPATH} from {@code env}.
   *
   * @throws IllegalArgumentException a one-line message saying what cannot be run as threads
   */
  public static JavaCommand parse(List<String> command, Path workDir, Map<String, String> env) {
    if (command.isEmpty() || !Path.of(command.get(0)).getFileName().toString().equals("java")) {
      throw new IllegalArgumentException("--threads runs Java programs only: give a java command"
          + " line (java -cp CLASSPATH MAIN ARGS), got '" + (command.isEmpty() ? "" : command.get(0)) + "'");
    }
    String classpath = null;
    String jar = null;
    Map<String, String> properties = new LinkedHashMap<>();
    boolean assertions = false;
    List<String> refused = new ArrayList<>();
    int i = 1;
    while (i < command.size() && command.get(i).startsWith("-")) {
      String a = command.get(i);
      if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
        if (i + 1 >= command.size()) {
          throw new IllegalArgumentException(a + " needs a class path after it");
        }
        classpath = command.get(i + 1);
        i += 2;
        continue;
      }
      if (a.startsWith("--class-path=")) {
        classpath = a.substring("--class-path=".length());
      } else if (a.equals("-jar")) {
        if (i + 1 >= command.size()) {
          throw new IllegalArgumentException("-jar needs a jar file after it");
        }
        jar = command.get(i + 1);
        i += 2;
        break;
      } else if (a.startsWith("-D") && a.length() > 2) {
        int eq = a.indexOf('=');
        properties.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "" : a.substring(eq + 1));
      } else if (a.equals("-ea") || a.equals("-enableassertions")) {
        assertions = true;
      } else {
        refused.add(a);
      }
      i++;
    }
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException("--threads runs the ranks inside one JVM, which cannot honour "
          + "the JVM option" + (refused.size() == 1 ? " " : "s ") + String.join(" ", refused)
          + "; drop " + (refused.size() == 1 ? "it" : "them") + " or run the ranks as processes (without --threads)");
    }
    List<URL> urls = new ArrayList<>();
    String main;
    if (jar != null) {
      Path jarPath = workDir.resolve(jar);
      main = readJar(jarPath, urls);
    } else {
      if (i >= command.size()) {
        throw new IllegalArgumentException("the java command names no main class; give one (java -cp CLASSPATH MAIN)");
      }
      main = command.get(i++);
      String cp = classpath != null ? classpath : env.getOrDefault("CLASSPATH", ".");
      for (String entry : cp.split(File.pathSeparator, -1)) {
        addEntry(workDir, entry.isEmpty() ? "." : entry, urls);
      }
    }
    return new JavaCommand(List.copyOf(urls), main, List.copyOf(command.subList(i, command.size())),
        Map.copyOf(properties), assertions);
  }

  private static String readJar(Path jarPath, List<URL> urls) {
    try (JarFile jar = new JarFile(jarPath.toFile())) {
      Attributes main = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
      String mainClass = main == null ? null : main.getValue(Attributes.Name.MAIN_CLASS);
      if (mainClass == null) {
        throw new IllegalArgumentException("no main manifest attribute, in " + jarPath);
      }
      urls.add(url(jarPath));
      String extra = main.getValue(Attributes.Name.CLASS_PATH);
      if (extra != null) {
        for (String e : extra.trim().split("\\s+")) {
          if (!e.isEmpty()) {
            urls.add(url(jarPath.toAbsolutePath().getParent().resolve(e)));
          }
        }
      }
      return mainClass;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the jar " + jarPath + ": " + e.getMessage());
    }
  }

  /** One class path entry; {@code DIR/*} means every jar in DIR, as for java. */
  private static void addEntry(Path workDir, String entry, List<URL> urls) {
    if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
      Path dir = workDir.resolve(entry.substring(0, entry.length() - 1).isEmpty() ? "." : entry.substring(0, entry.length() - 1));
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
        for (Path j : jars) {
          urls.add(url(j));
        }
      } catch (IOException e) {
        // java ignores a wildcard over a missing folder too
      }
      return;
    }
    urls.add(url(workDir.resolve(entry)));
  }

  private static URL url(Path p) {
    try {
      return p.toAbsolutePath().normalize().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a usable class path entry: " + p);
    }
  }
}
