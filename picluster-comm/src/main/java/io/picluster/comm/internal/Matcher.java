package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.IntFunction;

/**
 * MPI's matching rules: an arriving message goes to the earliest posted receive whose context,
 * source and tag fit; a posted receive takes the earliest stored message that fits. Messages from
 * one source arrive in order on one connection, so order per (source, context, tag) is kept.
 */
final class Matcher {
  static final int ANY = -1;

  private final ArrayDeque<Posted> posted = new ArrayDeque<>();
  private final ArrayDeque<Unexpected> unexpected = new ArrayDeque<>();
  private final IntFunction<String> rankName;

  Matcher(IntFunction<String> rankName) {
    this.rankName = rankName;
  }

  /** A message's header arrived from world rank {@code source}: where do its bytes go? */
  Sink arrive(int context, int source, int tag, int kind, long length) {
    for (Iterator<Posted> it = posted.iterator(); it.hasNext(); ) {
      Posted r = it.next();
      if (r.matches(context, source, tag)) {
        it.remove();
        return r.target.open(r.pending, kind, length, source, tag, rankName.apply(source));
      }
    }
    if (length > Integer.MAX_VALUE - 16) {
      throw new CommException(rankName.apply(source) + " sent " + length + " bytes (tag " + tag
          + ") before a matching receive was posted; messages over 2 GiB need their receive posted first");
    }
    Unexpected m = new Unexpected(context, source, tag, kind, (int) length);
    unexpected.add(m);
    return m;
  }

  /** Posts a receive: it takes a stored message now, or waits for one. */
  void post(int context, int source, int tag, RecvTarget target, Pending pending) {
    for (Iterator<Unexpected> it = unexpected.iterator(); it.hasNext(); ) {
      Unexpected m = it.next();
      if (m.context == context && (source == ANY || source == m.source) && (tag == ANY || tag == m.tag)) {
        it.remove();
        m.deliverTo(target, pending);
        return;
      }
    }
    posted.add(new Posted(context, source, tag, target, pending));
  }

  /** World rank {@code source} is gone: receives that wait for it alone can never complete. */
  void sourceLost(int source, CommException why) {
    for (Iterator<Posted> it = posted.iterator(); it.hasNext(); ) {
      Posted r = it.next();
      if (r.source == source) {
        it.remove();
        r.pending.fail(why);
      }
    }
  }

  /** Every other rank is gone: receives from any source can only be met by this rank itself. */
  void anySourceLost(CommException why) {
    for (Iterator<Posted> it = posted.iterator(); it.hasNext(); ) {
      Posted r = it.next();
      if (r.source == ANY) {
        it.remove();
        r.pending.fail(why);
      }
    }
  }

  private static final class Posted {
    final int context;
    final int source;
    final int tag;
    final RecvTarget target;
    final Pending pending;

    Posted(int context, int source, int tag, RecvTarget target, Pending pending) {
      this.context = context;
      this.source = source;
      this.tag = tag;
      this.target = target;
      this.pending = pending;
    }

    boolean matches(int context, int source, int tag) {
      return this.context == context && (this.source == ANY || this.source == source)
          && (this.tag == ANY || this.tag == tag);
    }
  }

  /** A message that arrived before its receive: its bytes are kept until one is posted. */
  private final class Unexpected implements Sink {
    final int context;
    final int source;
    final int tag;
    final int kind;
    final byte[] payload;
    int filled;
    boolean complete;
    RecvTarget boundTarget;
    Pending boundPending;

    Unexpected(int context, int source, int tag, int kind, int length) {
      this.context = context;
      this.source = source;
      this.tag = tag;
      this.kind = kind;
      this.payload = new byte[length];
    }

    @Override
    public int accept(ByteBuffer in, int max) {
      in.get(payload, filled, max);
      filled += max;
      return max;
    }

    @Override
    public void complete() {
      complete = true;
      if (boundTarget != null) {
        deliverTo(boundTarget, boundPending);
      }
    }

    @Override
    public void abandon(CommException why) {
      unexpected.remove(this); // half a message can match no receive
      if (boundPending != null) {
        boundPending.fail(why);
      }
    }

    /** Hands the payload to a receive now, or as soon as the last byte is in. */
    void deliverTo(RecvTarget target, Pending pending) {
      if (!complete) {
        boundTarget = target;
        boundPending = pending;
        return;
      }
      Sink sink = target.open(pending, kind, payload.length, source, tag, rankName.apply(source));
      ByteBuffer in = ByteBuffer.wrap(payload).order(ElementType.ORDER);
      sink.accept(in, payload.length);
      sink.complete();
    }
  }
}
