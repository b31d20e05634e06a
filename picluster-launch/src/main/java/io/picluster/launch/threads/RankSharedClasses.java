package io.picluster.launch.threads;

import io.picluster.comm.internal.Engine;
import java.net.URL;
import java.security.CodeSource;
import java.util.Set;

/**
 * The classes of picluster-comm that the threads-mode ranks of a JVM share instead of each defining
 * a copy of its own: those that hold nothing of a rank. A rank's own are {@code World} (its
 * membership of the job), {@code Comm} (its {@code Comm.world()}), {@code RankHost} (which asks the
 * loader that defined it), every class that uses one of them, and every class with a member that
 * one of those uses without its being public (another loader's class is another runtime package,
 * to which only public members are open). The rest (the engine, matching, rings, frames, PMI) keeps
 * no static state and is used through instances, which each rank makes for itself. Received
 * objects are deserialized with the thread's context loader, which is the rank's own in its threads.
 *
 * <p>Defining, verifying and linking those classes again in every rank was most of a rank's start
 * ({@code run -n 4 hostname}: 141 class definitions, now 46); shared, they are defined once, by the
 * launcher's or agent's own class loader, and come pre-parsed from its class-data archive.
 *
 * <p>A rank gets a shared class only where its own class path would load it from the jar or folder
 * this JVM loaded picluster-comm from: a job that brings a copy of the library of its own keeps
 * defining all of it. {@code RankSharedClassesTest} checks the list against the class files.
 */
final class RankSharedClasses {
  private RankSharedClasses() {}

  static final Set<String> NAMES = Set.of(
      "io.picluster.comm.ArrayOp",
      "io.picluster.comm.CommException",
      "io.picluster.comm.PeerEndedException",
      "io.picluster.comm.Received",
      "io.picluster.comm.SendMode",
      "io.picluster.comm.Status",
      "io.picluster.comm.internal.BackboneAddress",
      "io.picluster.comm.internal.Blobs",
      "io.picluster.comm.internal.BodySource",
      "io.picluster.comm.internal.BodySource$1",
      "io.picluster.comm.internal.BodySource$2",
      "io.picluster.comm.internal.Cidr",
      "io.picluster.comm.internal.Collectives",
      "io.picluster.comm.internal.Collectives$Transfer",
      "io.picluster.comm.internal.Connection",
      "io.picluster.comm.internal.Connection$Cleared",
      "io.picluster.comm.internal.ElementType",
      "io.picluster.comm.internal.ElementType$1",
      "io.picluster.comm.internal.Engine",
      "io.picluster.comm.internal.Engine$Doorbell",
      "io.picluster.comm.internal.Engine$RankNames",
      "io.picluster.comm.internal.Envelope",
      "io.picluster.comm.internal.Frame",
      "io.picluster.comm.internal.Group",
      "io.picluster.comm.internal.GroupIds",
      "io.picluster.comm.internal.Handshake",
      "io.picluster.comm.internal.HostIdentity",
      "io.picluster.comm.internal.HostIdentity$Read",
      "io.picluster.comm.internal.HostName",
      "io.picluster.comm.internal.JobSecret",
      "io.picluster.comm.internal.KernelRandom",
      "io.picluster.comm.internal.Matcher",
      "io.picluster.comm.internal.Matcher$Unexpected",
      "io.picluster.comm.internal.Messages",
      "io.picluster.comm.internal.ObjectCodec",
      "io.picluster.comm.internal.ObjectCodec$ContextClassLoaderObjectInputStream",
      "io.picluster.comm.internal.OutMessage",
      "io.picluster.comm.internal.Pending",
      "io.picluster.comm.internal.Progress",
      "io.picluster.comm.internal.RawMessage",
      "io.picluster.comm.internal.RecvTarget",
      "io.picluster.comm.internal.RecvTarget$AnyMessage",
      "io.picluster.comm.internal.RecvTarget$AnyMessage$1",
      "io.picluster.comm.internal.RecvTarget$IntoArray",
      "io.picluster.comm.internal.Route",
      "io.picluster.comm.internal.ShmRing",
      "io.picluster.comm.internal.ShmSegment",
      "io.picluster.comm.internal.ShmSegment$PageSize",
      "io.picluster.comm.internal.Sink",
      "io.picluster.comm.internal.Sink$1",
      "io.picluster.comm.internal.ThisProcess",
      "io.picluster.comm.internal.ThisProcess$Read",
      "io.picluster.comm.internal.SyncSend",
      "io.picluster.comm.pmi.InJvmLink",
      "io.picluster.comm.pmi.PmiClient",
      "io.picluster.comm.pmi.PmiClient$Replies",
      "io.picluster.comm.pmi.PmiClient$ReplyReader",
      "io.picluster.comm.pmi.PmiReply",
      "io.picluster.comm.pmi.UnsafeDescriptor");

  /** Whether {@code origin}, a rank's class path entry, is where this JVM's picluster-comm comes from. */
  static boolean isThisJvmsCopy(URL origin) {
    return origin != null && origin.toString().equals(Host.LOCATION);
  }

  /** The class loader that defines the shared classes: the one that loaded this JVM's picluster-comm. */
  static ClassLoader loader() {
    return Host.LOADER;
  }

  /** Where this JVM's own picluster-comm comes from, found once. */
  private static final class Host {
    static final ClassLoader LOADER = Engine.class.getClassLoader();
    static final String LOCATION = location();

    private static String location() {
      CodeSource source = Engine.class.getProtectionDomain().getCodeSource();
      return source == null || source.getLocation() == null ? null : source.getLocation().toString();
    }
  }
}
