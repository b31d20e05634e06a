package io.picluster.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code picluster java}: runs a Java program as N ranks with picluster on its class path, as MPJ
 * Express's {@code mpjrun.sh} does. Options it does not know (JVM options, {@code -jar}) end
 * picocli's part of the line; {@link JavaProgram#parse} reads the rest (PicocliMain makes picocli
 * hand unknown options over as parameters).
 */
@Command(
    name = "java",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    customSynopsis = {
      "picluster java [-n N] [-l] [HOSTS] [--stage FILE]... [-genv NAME VALUE]...",
      "                      [--iface IF | --network CIDR] [-wdir DIR] [JVM-OPTION]...",
      "                      [-cp PATH] (MAIN | FILE.java | -jar JAR) [ARGS...]"
    },
    description = {
      "Runs a Java program as N ranks with picluster on its class path (like mpjrun.sh).",
      "Each rank is 'java JVM-OPTIONS -cp PATH:picluster.jar MAIN ARGS', so packages mpi",
      "(MPJ Express and Open MPI programs) and io.picluster.comm resolve.",
      "FILE.java is compiled once, here, into a cached jar. Across hosts, the class",
      "path's jars and folders (packed into a jar) and picluster are copied to every",
      "host's cache. JVM-OPTION: -Xmx256m, -Dname=value, -ea, -XX:..., --add-opens",
      "M/P=ALL-UNNAMED, or any as -J<option>. -jar JAR runs the jar's Main-Class.",
      "Without -cp the class path is $CLASSPATH, else '.'."
    })
final class JavaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LaunchOptions launch;

  @Option(
      names = {"-genv", "--genv"},
      arity = "2",
      paramLabel = "NAME VALUE",
      description = "Set NAME=VALUE in every rank's environment (repeatable).")
  List<String> genv = List.of();

  @Option(
      names = {"-cp", "-classpath", "--class-path"},
      paramLabel = "PATH",
      description = "The program's class path: jars, folders, dir/* (separated by ':').")
  String classpath;

  @Option(
      names = "-wdir",
      paramLabel = "DIR",
      description = "The ranks' working folder (default: this one).")
  String workDir;

  @Option(
      names = "-dev",
      paramLabel = "DEVICE",
      description = "Accepted for mpjrun.sh scripts (niodev, multicore, ...); picluster chooses itself.")
  String device;

  @Parameters(
      index = "0..*",
      paramLabel = "PROGRAM",
      description = "JVM options and -cp PATH, then MAIN, FILE.java or -jar JAR, then ARGS.")
  List<String> rest = List.of();

  LaunchRequest request() {
    return LaunchRequest.java(launch.ranks, launch.tagOutput, launch.environment(genv),
        launch.hostOptions(), JavaProgram.parse(rest, classpath, workDir, device));
  }

  @Override
  public Integer call() {
    try {
      return LaunchAction.run(request());
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
