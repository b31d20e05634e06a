package io.picluster.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes the files the Debian package carries besides the jar, from the same command model that
 * parses the command line, so they cannot drift from it: bash completion for every command and
 * job (picocli's {@link AutoComplete}), and a groff man page per command. picocli's own man page
 * generator writes AsciiDoc, which would need asciidoctor to become groff; the few groff requests
 * a man page needs are written here directly. Run at build time: {@code PackageFiles OUT_DIR}.
 */
public final class PackageFiles {
  private PackageFiles() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: PackageFiles OUT_DIR VERSION");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    CommandLine cl = PicocliMain.commandLine();
    Path completion = Files.createDirectories(out.resolve("completion")).resolve("picluster");
    Files.writeString(completion, AutoComplete.bash("picluster", cl), StandardCharsets.UTF_8);
    Path man = Files.createDirectories(out.resolve("man1"));
    writeGzip(man.resolve("picluster.1.gz"), manPage(cl, "picluster", args[1]));
    for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
      if (sub.getValue().getCommandName().equals(sub.getKey())) { // once per command, not per alias
        writeGzip(man.resolve("picluster-" + sub.getKey() + ".1.gz"),
            manPage(sub.getValue(), "picluster " + sub.getKey(), args[1]));
      }
    }
  }

  /** gzip -n as Debian wants man pages: Java writes no name and a zero time, so builds repeat. */
  private static void writeGzip(Path file, String text) throws IOException {
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A man(7) page: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, ARGUMENTS, COMMANDS, and the footer. */
  static String manPage(CommandLine cl, String name, String version) {
    CommandSpec spec = cl.getCommandSpec();
    StringBuilder m = new StringBuilder();
    String page = name.replace(' ', '-');
    m.append(".TH ").append(quote(page.toUpperCase(java.util.Locale.ROOT))).append(" 1 \"\" ")
        .append(quote("picluster " + version)).append(" \"picluster manual\"\n");
    m.append(".SH NAME\n").append(escape(page)).append(" \\- ")
        .append(escape(firstLine(spec.usageMessage().description()))).append('\n');
    m.append(".SH SYNOPSIS\n.nf\n").append(escape(synopsis(cl))).append("\n.fi\n");
    m.append(".SH DESCRIPTION\n");
    for (String d : spec.usageMessage().description()) {
      m.append(escape(plain(d))).append("\n.PP\n");
    }
    List<OptionSpec> options = new ArrayList<>(spec.options());
    if (!options.isEmpty()) {
      m.append(".SH OPTIONS\n");
      for (OptionSpec o : options) {
        String label = String.join(", ", o.names())
            + (o.arity().max() > 0 ? " " + o.paramLabel() : "");
        m.append(".TP\n.B ").append(escape(label)).append('\n')
            .append(escape(plain(String.join(" ", o.description()))
                .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))))
            .append('\n');
      }
    }
    if (!spec.positionalParameters().isEmpty()) {
      m.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        m.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n')
            .append(escape(plain(String.join(" ", p.description())))).append('\n');
      }
    }
    if (!cl.getSubcommands().isEmpty()) {
      m.append(".SH COMMANDS\n");
      for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
        if (sub.getValue().getCommandName().equals(sub.getKey())) {
          m.append(".TP\n.B ").append(escape(sub.getKey())).append('\n')
              .append(escape(firstLine(sub.getValue().getCommandSpec().usageMessage().description())))
              .append(" See \\fBpicluster\\-").append(escape(sub.getKey())).append("\\fR(1).\n");
        }
      }
    }
    String footer = String.join("\n", spec.usageMessage().footer()).strip();
    if (!footer.isEmpty()) {
      m.append(".SH NOTES\n.nf\n").append(escape(footer)).append("\n.fi\n");
    }
    return m.toString();
  }

  private static String synopsis(CommandLine cl) {
    StringWriter w = new StringWriter();
    Help help = cl.getHelp();
    new PrintWriter(w).print(help.synopsis(0));
    return w.toString().strip().replaceFirst("^Usage: ", "");
  }

  private static String firstLine(String[] lines) {
    return lines.length == 0 ? "" : plain(lines[0]).strip().split("%n|\n")[0];
  }

  /** picocli's markup ({@code @|bold x|@}) as plain text. */
  private static String plain(String s) {
    return s.replaceAll("@\\|\\S+ (.*?)\\|@", "$1");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "'") + "\"";
  }

  /** Backslashes and hyphens for groff, and no line starting with a control character. */
  static String escape(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-").replace("%n", "\n");
    StringBuilder b = new StringBuilder();
    for (String line : e.split("\n", -1)) {
      if (b.length() > 0) {
        b.append('\n');
      }
      if (line.startsWith(".") || line.startsWith("'")) {
        b.append("\\&");
      }
      b.append(line);
    }
    return b.toString();
  }
}
