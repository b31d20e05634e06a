package io.picluster.setup.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import io.picluster.setup.slurm.SlurmState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code picluster status --json}: one JSON object on one line (so {@code --watch --json} gives one
 * object per line), written by Jackson's streaming generator. Everything outside printable ASCII
 * (DEL too) is written as a lower-case {@code \}{@code uXXXX} escape, so the output is ASCII whatever
 * the terminal's character set; numbers have at most 3 decimals. Unknown values are {@code null}.
 * The bytes are those of the first, hand-written renderer (StatusJsonGoldenTest): scripts read them.
 *
 * <pre>
 * {"time":"2024-05-01T10:00:00Z","nodes":[{"name":"node1","address":"10.0.0.1","user":"pi",
 *  "up":true,"error":null,"hostname":"node1","model":"Raspberry Pi 4 Model B Rev 1.4",
 *  "arch":"aarch64","os":"Debian GNU/Linux 12 (bookworm)","java":"17.0.15","java_major":17,
 *  "java_path":"/usr/bin/java","picluster":"0.1.0","picluster_sha256":"...","load1":0.52,"cpus":4,
 *  "mem_used_mib":812,"mem_total_mib":7812,"disk_free_gib":21.3,"disk_total_gib":29.1,
 *  "temp_c":48.2,"throttled":"0x50005","throttle_flags":["under-voltage now",...],
 *  "throttle_source":"vcgencmd","clock_offset_ms":0.4,"clock_uncertainty_ms":35.1,
 *  "uptime_s":12345.6}]}
 * </pre>
 *
 * <p>Where Slurm is set up on the master, each node also has {@code "slurm":{"state":"drained",
 * "reason":"disk full"}} as the controller sees it (reason null when there is none; the whole
 * {@code slurm} null when the controller does not answer or does not know the node), and the top
 * object ends with {@code "slurm_error"}: null, or why the controller did not answer. Without
 * Slurm neither key is there, so the output is what it was before Slurm was shown.
 */
public final class StatusJson {
  private static final JsonFactory JSON = new JsonFactoryBuilder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      .characterEscapes(new AsciiEscapes())
      .build();

  private StatusJson() {}

  public static String render(List<NodeStatus> statuses, Instant time) {
    return render(statuses, Optional.empty(), time);
  }

  /** With each node's Slurm state, where {@code slurm} is there (Slurm set up on the master). */
  public static String render(List<NodeStatus> statuses, Optional<SlurmState> slurm, Instant time) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartObject();
      g.writeStringField("time", time.toString());
      g.writeArrayFieldStart("nodes");
      for (NodeStatus s : statuses) {
        node(g, s, slurm);
      }
      g.writeEndArray();
      if (slurm.isPresent()) {
        g.writeStringField("slurm_error", slurm.get().answered() ? null : slurm.get().said());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  private static void node(JsonGenerator g, NodeStatus s, Optional<SlurmState> slurm)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", s.node().name());
    g.writeStringField("address", s.node().address());
    g.writeStringField("user", s.node().user());
    g.writeBooleanField("up", s.up());
    g.writeStringField("error", s.error());
    g.writeStringField("hostname", s.hostname());
    g.writeStringField("model", s.model());
    g.writeStringField("arch", s.arch());
    g.writeStringField("os", s.os());
    g.writeStringField("java", s.javaVersion());
    whole(g, "java_major", s.javaVersion() == null ? null : (long) s.javaMajor());
    g.writeStringField("java_path", s.javaPath());
    g.writeStringField("picluster", s.piclusterVersion());
    g.writeStringField("picluster_sha256", s.piclusterSha256());
    decimal(g, "load1", s.load1());
    whole(g, "cpus", s.cpus() == null ? null : (long) s.cpus());
    whole(g, "mem_used_mib", s.memUsedMib());
    whole(g, "mem_total_mib", s.memTotalMib());
    decimal(g, "disk_free_gib", s.rootFreeGib());
    decimal(g, "disk_total_gib",
        s.rootTotalKib() == null ? null : s.rootTotalKib() / (1024.0 * 1024.0));
    decimal(g, "temp_c", s.temperatureC());
    g.writeStringField("throttled", s.throttled() == null ? null : Throttling.hex(s.throttled()));
    g.writeFieldName("throttle_flags");
    if (s.throttled() == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (String word : Throttling.describe(s.throttled())) {
        g.writeString(word);
      }
      g.writeEndArray();
    }
    g.writeStringField("throttle_source", s.throttleSource());
    decimal(g, "clock_offset_ms", s.clockOffsetMs());
    decimal(g, "clock_uncertainty_ms", s.clockUncertaintyMs());
    decimal(g, "uptime_s", s.uptimeSeconds());
    if (slurm.isPresent()) {
      slurm(g, slurm.get(), s.node().name());
    }
    g.writeEndObject();
  }

  private static void slurm(JsonGenerator g, SlurmState state, String name) throws IOException {
    g.writeFieldName("slurm");
    Optional<SlurmState.Node> n = state.nodes().stream().filter(x -> x.name().equals(name))
        .findFirst();
    if (!state.answered() || n.isEmpty()) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("state", n.get().state());
    g.writeStringField("reason", n.get().reason().isEmpty() ? null : n.get().reason());
    g.writeEndObject();
  }

  private static void whole(JsonGenerator g, String name, Long value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
  }

  private static void decimal(JsonGenerator g, String name, Double value) throws IOException {
    g.writeFieldName(name);
    String n = number(value);
    if (n == null) {
      g.writeNull();
    } else {
      g.writeNumber(n);
    }
  }

  /**
   * A number rounded to 3 decimals, without trailing zeros ("21.313", "2", "0" for -0.0001); null
   * for unknown or not finite, which JSON cannot say.
   */
  static String number(Double d) {
    if (d == null || d.isNaN() || d.isInfinite()) {
      return null;
    }
    String s = String.format(Locale.ROOT, "%.3f", d);
    s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    return s.equals("-0") ? "0" : s;
  }

  /** JSON's own escapes, plus DEL: with ESCAPE_NON_ASCII, only printable ASCII is left as it is. */
  private static final class AsciiEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] codes;

    AsciiEscapes() {
      codes = standardAsciiEscapesForJSON();
      codes[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return codes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null; // no custom sequences: the standard ones above
    }
  }
}
