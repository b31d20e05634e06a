package io.picluster.it.ranks;

import io.picluster.comm.Comm;

/**
 * Two ranks each send the other {@code MiB} mebibytes first and receive second: with sends that
 * block until the peer receives, this deadlocks; it must not.
 */
public final class Exchange {
  public static void main(String[] args) {
    Comm world = Comm.world();
    int mebibytes = Integer.parseInt(args[0]);
    int peer = 1 - world.rank();
    long[] out = new long[mebibytes * 131072];
    for (int i = 0; i < out.length; i++) {
      out[i] = i * 31L + world.rank();
    }
    world.send(out, 0, out.length, peer, 1);
    long[] in = new long[out.length];
    world.recv(in, 0, in.length, peer, 1);
    for (int i = 0; i < in.length; i++) {
      Check.equal(in[i], i * 31L + peer, "element " + i);
    }
    // and the same through the object layer
    world.send(out, peer, 2);
    long[] object = world.recv(peer, 2);
    Check.equal(object.length, out.length, "object array length");
    Check.equal(object[object.length - 1], (object.length - 1) * 31L + peer, "object array last element");
    System.out.println("rank " + world.rank() + " exchanged " + mebibytes + " MiB both ways");
  }
}
