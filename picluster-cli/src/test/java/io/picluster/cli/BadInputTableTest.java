package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, as a user types it, through the whole command line (the fast path and picocli alike):
 * always exit code 2, exactly one line on stderr starting "picluster: " and saying what is wrong,
 * nothing on stdout, nothing started. $DIR stands for a folder of broken hostfiles and cluster
 * files.
 */
class BadInputTableTest {
  @TempDir static Path dir;

  @BeforeAll
  static void brokenFiles() throws IOException {
    Files.writeString(dir.resolve("hf-zero"), "node1:0\n");
    Files.writeString(dir.resolve("hf-slots"), "node1 slots=x\n");
    Files.writeString(dir.resolve("hf-junk"), "a b c d\n");
    Files.writeString(dir.resolve("hf-empty"), "");
    Files.writeString(dir.resolve("cl-bad"), "network 10.0.0.0\n");
    Files.writeString(dir.resolve("cl-master"),
        "network 10.0.0.0/24\nuser pi\nmaster node9\nnode node1 10.0.0.1\n");
    Files.writeString(dir.resolve("cl-addr"), "node node1 10.0.0.300\n");
  }

  private static Arguments row(String expected, String... args) {
    return Arguments.of(expected, args);
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        row("picluster: -n must be at least 1, got 0", "exec", "-n", "0", "true"),
        row("picluster: invalid value for option '--np': '@/' is not an int", "exec", "-n", "@/", "true"),
        row("picluster: invalid value for option '--np': '@/' is not an int", "exec", "-n=@/", "true"),
        row("picluster: -n must be at least 1, got -1", "exec", "-n", "-1", "true"),
        row("picluster: invalid value for option '--np': 'x' is not an int", "exec", "-n", "x", "true"),
        row("picluster: invalid value for option '--np': '1.5' is not an int", "exec", "-n", "1.5", "true"),
        row("picluster: invalid value for option '--np': '99999999999' is not an int", "exec", "-n", "99999999999", "true"),
        row("picluster: -n must be at most 4096, got 5000", "exec", "-n", "5000", "true"),
        row("picluster: invalid value for option '--np': 'abc' is not an int", "exec", "-np", "abc", "true"),
        row("picluster: -n must be at least 1, got 0", "run", "-n", "0", "primes"),
        row("picluster: invalid value for option '--np': 'many' is not an int", "run", "-n", "many", "primes"),
        row("picluster: -ppn must be at least 1, got 0 (write e.g. '-ppn 2', or leave it out to use each host's slots)", "exec", "-ppn", "0", "--hosts", "a", "true"),
        row("picluster: -ppn must be at least 1, got -2 (write e.g. '-ppn 2', or leave it out to use each host's slots)", "exec", "-ppn", "-2", "--hosts", "a", "true"),
        row("picluster: invalid value for option '--ppn': 'x' is not an int", "exec", "-ppn", "x", "--hosts", "a", "true"),
        row("picluster: --hosts entry 1 'a:0': slots must be a whole number of at least 1, got '0' (write 'a:4')", "exec", "--hosts", "a:0", "true"),
        row("picluster: --hosts entry 1 'a:-1': slots must be a whole number of at least 1, got '-1' (write 'a:4')", "exec", "--hosts", "a:-1", "true"),
        row("picluster: --hosts entry 1 'a:x': slots must be a whole number of at least 1, got 'x' (write 'a:4')", "exec", "--hosts", "a:x", "true"),
        row("picluster: --hosts entry 1: empty host name (remove the extra comma in ',')", "exec", "--hosts", ",", "true"),
        row("picluster: --hosts entry 2: empty host name (remove the extra comma in 'a,,b')", "exec", "--hosts", "a,,b", "true"),
        row("picluster: --hosts entry 1: '[fe80::1' has no closing ']' (write e.g. '[fe80::1]:2')", "exec", "--hosts", "[fe80::1", "true"),
        row("picluster: --hosts entry 1 'a:99999999999': slots must be at most 1000000, got '99999999999' (write 'a:4')", "exec", "--hosts", "a:99999999999", "true"),
        row("picluster: --hosts entry 1: 'a b' is not a valid host name: ' ' is not allowed (use only letters, digits, '-' and '.')", "exec", "--hosts", "a b", "true"),
        row("picluster: --hosts: no hosts given (write e.g. '--hosts node1,node2:4')", "exec", "--hosts", "", "true"),
        row("picluster: /nonexistent/hosts: no such hostfile (check the path after -f)", "exec", "-f", "/nonexistent/hosts", "true"),
        row("picluster: $DIR/hf-zero:1: slots must be a whole number of at least 1, got '0' (write 'node1:4' or 'node1 slots=4')", "exec", "-f", "$DIR/hf-zero", "true"),
        row("picluster: $DIR/hf-slots:1: slots must be a whole number of at least 1, got 'x' (write 'node1:4' or 'node1 slots=4')", "exec", "-f", "$DIR/hf-slots", "true"),
        row("picluster: $DIR/hf-junk:1: unexpected 'b' after the host (one host per line: write 'a:4' or 'a slots=4')", "exec", "-f", "$DIR/hf-junk", "true"),
        row("picluster: $DIR/hf-empty: no hosts in the hostfile (write one per line, e.g. 'node1:4' or 'node1 slots=4')", "exec", "-f", "$DIR/hf-empty", "true"),
        row("picluster: $DIR/cl-bad:1: '10.0.0.0' is not a network; write it like 10.0.0.0/24 (an IPv4 network address, /8 to /30)", "exec", "--cluster", "$DIR/cl-bad", "true"),
        row("picluster: $DIR/cl-master:3: the master node9 is not one of the nodes; add a node line for it or name one of [node1]", "exec", "--cluster", "$DIR/cl-master", "true"),
        row("picluster: $DIR/cl-addr: no 'network' line; add one like 'network 10.0.0.0/24'", "exec", "--cluster", "$DIR/cl-addr", "true"),
        row("picluster: /nonexistent/cluster.conf: no such cluster file; create it with 'picluster init'", "exec", "--cluster", "/nonexistent/cluster.conf", "true"),
        row("picluster: give the hosts either with --hosts or with --hostfile, not both", "exec", "--hosts", "a", "-f", "$DIR/hf-zero", "true"),
        row("picluster: --network 10.0.0.0: not a network in CIDR form; write it like 10.0.0.0/24", "exec", "--network", "10.0.0.0", "true"),
        row("picluster: --network 10.0.0.0/33: not a network in CIDR form; write it like 10.0.0.0/24", "exec", "--network", "10.0.0.0/33", "true"),
        row("picluster: --network banana: not a network in CIDR form; write it like 10.0.0.0/24", "exec", "--network", "banana", "true"),
        row("picluster: --iface takes an interface name like eth0, got '10.0.0.0/24'", "exec", "--iface", "10.0.0.0/24", "true"),
        row("picluster: --iface no-such-if0: no such interface on this host", "exec", "--iface", "no-such-if0", "true"),
        row("picluster: -genv needs a variable name without '=', got 'A=B' (write -genv NAME VALUE)", "exec", "-genv", "A=B", "x", "true"),
        row("picluster: option '--genv' at index 0 (NAME VALUE) requires at least 2 values, but only 1 were specified: [ONLY]", "exec", "-genv", "ONLY"),
        row("picluster: -genv needs a variable name without '=', got '' (write -genv NAME VALUE)", "exec", "-genv", "", "v", "true"),
        row("picluster: --stage /nonexistent/file: no such file here; give the path of a file to copy", "exec", "--stage", "/nonexistent/file", "true"),
        row("picluster: missing required parameter: 'PROGRAM'", "exec"),
        row("picluster: missing required parameter: 'PROGRAM'", "exec", "-n", "2"),
        row("picluster: cannot run 'no-such-program-here': no such executable on PATH; check the name or give its path", "exec", "-n", "1", "no-such-program-here"),
        row("picluster: missing required parameter: 'JOB'", "run"),
        row("picluster: unknown job 'nosuchjob': choose one of hostname, pingpong, primes, soak", "run", "nosuchjob"),
        row("picluster: soak MESSAGES is a count from 1 to 1000000000, got '0'", "run", "soak", "0"),
        row("picluster: soak SEED is a whole number, got 'x'", "run", "soak", "10", "x"),
        row("picluster: hostname takes no arguments, got 'extra'", "run", "hostname", "extra"),
        row("picluster: N must be a whole number like 100000, 1e10 or 10^10, got 'notanumber'", "run", "primes", "notanumber"),
        row("picluster: N must not be negative, got '-5': give a whole number like 100000, 1e10 or 10^10", "run", "primes", "-5"),
        row("picluster: unknown command 'frobnicate': choose one of", "frobnicate"),
        row("picluster: unknown option: '--bogus'", "exec", "--bogus", "true"),
        row("picluster: --watch takes a number of seconds from 0.1 to 86400, e.g. --watch 5; '0' is not one", "status", "--watch", "0"),
        row("picluster: --watch takes a number of seconds from 0.1 to 86400, e.g. --watch 5; 'x' is not one", "status", "--watch", "x"),
        row("picluster: --watch takes a number of seconds from 0.1 to 86400, e.g. --watch 5; '1e9' is not one", "status", "--watch", "1e9"),
        row("picluster: unknown option: '--bogus'", "status", "--bogus"),
        row("picluster: --nodes 0: give 1 to 254 nodes for 10.0.0.0/24", "init", "--nodes", "0", "--print"),
        row("picluster: invalid value for option '--nodes': 'x' is not an int", "init", "--nodes", "x", "--print"),
        row("picluster: --network 10.0.0.0: not a network; write it like 10.0.0.0/24 (an IPv4 network address, /8 to /30)", "init", "--network", "10.0.0.0", "--print"),
        row("picluster: --node bad: write it as NAME=ADDRESS, e.g. node2=10.0.0.2", "init", "--node", "bad", "--print"),
        row("picluster: '10.0.0.999' is not an IPv4 address; write the node's backbone address, e.g. 10.0.0.2", "init", "--node", "a=10.0.0.999", "--print"),
        row("picluster: 'Pi' is not a login name; use lower-case letters, digits, '_' and '-', e.g. pi", "init", "--user", "Pi", "--print"),
        row("picluster: missing required parameter: 'FILE'", "copy"),
        row("picluster: no hosts given: say where to copy with --hosts HOST,HOST... or --hostfile FILE", "copy", "/nonexistent", "--to", "/tmp", "a"),
        row("picluster: --stack nosuch: choose nm (NetworkManager), dhcpcd or netplan", "net", "--stack", "nosuch", "--dry-run"),
        row("picluster: unknown option: '--bogus'", "shutdown", "--bogus"),
        row("picluster: unknown option: '--bogus'", "doctor", "--bogus"),
        row("picluster: unknown option: '--bogus'", "keys", "--bogus"),
        row("picluster: unknown option: '--bogus'", "install", "--bogus"));
  }

  @ParameterizedTest(name = "{index}: {1}")
  @MethodSource("badInput")
  void oneLineAndExitTwo(String expected, String[] args) {
    String[] argv = Arrays.stream(args).map(a -> a.replace("$DIR", dir.toString())).toArray(String[]::new);
    String want = expected.replace("$DIR", dir.toString());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.run(argv);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(e).isEqualTo(2);
    assertThat(e).startsWith(want).endsWith(System.lineSeparator());
    assertThat(e.strip().lines()).hasSize(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void theTableHasAtLeastFiftyCases() {
    assertThat(badInput().count()).isGreaterThanOrEqualTo(50);
  }
}
