package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * MPI's matching rules: an arriving message goes to the earliest posted receive whose context,
 * source and tag fit; a posted receive takes the earliest stored message that fits. Messages from
 * one source arrive in order on one connection, so order per (source, context, tag) is kept.
 *
 * <p>A synchronous send's message carries an {@code onMatch} action (its acknowledgement), run the
 * moment a receive takes it. A probe looks at the stored messages without taking one.
 *
 * <p>A large message first arrives as a request to send ({@link #announce}): it takes its place in
 * the match order like any message, but its payload stays with the sender until a receive takes it
 * and the payload can go straight into the receive's target. Only while the bytes stored here stay
 * within a budget is a request's payload fetched at once and kept here, so that two ranks that send
 * each other a large message before receiving it still go on; past the budget the sender waits.
 */
final class Matcher {
  static final int ANY = -1;

  /** Receives waiting for a message, oldest first: each {@link Pending} holds its own envelope and target. */
  private final ArrayDeque<Pending> posted = new ArrayDeque<>();
  private final ArrayDeque<Unexpected> unexpected = new ArrayDeque<>();
  private static final Iterator<Unexpected> EMPTY = java.util.Collections.emptyIterator();
  private final IntFunction<String> rankName;
  /** Payload bytes of messages stored here before their receive (or fetched for them). */
  private long storedBytes;
  /** Requests to send whose payload is fetched at once while {@link #storedBytes} stays within this. */
  private long storeBudget;

  Matcher(IntFunction<String> rankName, long storeBudget) {
    this.rankName = rankName;
    this.storeBudget = storeBudget;
  }

  /** Payload bytes held for messages that arrived before their receive. */
  long storedBytes() {
    return storedBytes;
  }

  void storeBudget(long bytes) {
    storeBudget = bytes;
  }

  /**
   * A message's header arrived from world rank {@code source}: where do its bytes go?
   *
   * @param onMatch run once a receive takes the message (now, or when one is posted); may be null
   */
  Sink arrive(int context, int source, int tag, int kind, long length, Runnable onMatch) {
    Pending r = takePosted(context, source, tag);
    if (r != null) {
      if (onMatch != null) {
        onMatch.run();
      }
      return r.postedTarget().open(r, kind, length, source, tag, rankName);
    }
    if (length > Integer.MAX_VALUE - 16) {
      throw new CommException(rankName.apply(source) + " sent " + length + " bytes (tag " + tag
          + ") before a matching receive was posted; messages over 2 GiB need their receive posted first");
    }
    Unexpected m = new Unexpected(context, source, tag, kind, length, true, onMatch, null);
    unexpected.add(m);
    return m;
  }

  /**
   * A request to send arrived from world rank {@code source}: a message of {@code length} bytes whose
   * payload the sender keeps until told. {@code clearToSend} gets the sink the payload must go into
   * (and asks the sender for it): now, if a posted receive takes the message or the budget lets this
   * rank store it, else when a receive is posted that takes it.
   *
   * @param onMatch run once a receive takes the message (now, or when one is posted); may be null
   */
  void announce(int context, int source, int tag, int kind, long length, Runnable onMatch,
      Consumer<Sink> clearToSend) {
    Pending r = takePosted(context, source, tag);
    if (r != null) {
      if (onMatch != null) {
        onMatch.run();
      }
      clearToSend.accept(r.postedTarget().open(r, kind, length, source, tag, rankName));
      return;
    }
    boolean store = length <= Integer.MAX_VALUE - 16 && storedBytes + length <= storeBudget;
    Unexpected m = new Unexpected(context, source, tag, kind, length, store, onMatch, store ? null : clearToSend);
    unexpected.add(m);
    if (store) {
      clearToSend.accept(m);
    }
  }

  /** Removes and returns the oldest posted receive that takes (context, source, tag); or null. */
  private Pending takePosted(int context, int source, int tag) {
    Pending first = posted.peekFirst();
    if (first != null && first.takes(context, source, tag)) {
      // the usual case, taken without an iterator: the oldest receive waits for this message
      return posted.pollFirst();
    }
    for (Iterator<Pending> it = posted.iterator(); it.hasNext(); ) {
      Pending r = it.next();
      if (r.takes(context, source, tag)) {
        it.remove();
        return r;
      }
    }
    return null;
  }

  /** Posts a receive: it takes a stored message now, or waits for one. */
  void post(int context, int source, int tag, RecvTarget target, Pending pending) {
    for (Iterator<Unexpected> it = unexpected.isEmpty() ? EMPTY : unexpected.iterator(); it.hasNext(); ) {
      Unexpected m = it.next();
      if (m.matches(context, source, tag)) {
        it.remove();
        if (m.onMatch != null) {
          m.onMatch.run();
        }
        if (m.clearToSend != null) {
          // a request to send whose payload the sender still holds: ask for it, into the target
          m.clearToSend.accept(target.open(pending, m.kind, m.length, m.source, m.tag, rankName));
        } else {
          m.deliverTo(target, pending);
        }
        return;
      }
    }
    pending.post(context, source, tag, target); // no entry object: the receive's Pending waits in the queue
    posted.add(pending);
  }

  /** The stored message a receive (context, source, tag) would take now, without taking it; or null. */
  Envelope peek(int context, int source, int tag) {
    for (Unexpected m : unexpected) {
      if (m.matches(context, source, tag)) {
        return new Envelope(m.source, m.tag, m.kind, m.length);
      }
    }
    return null;
  }

  /** Removes a posted receive that no message has taken; false if it is not waiting here. */
  boolean withdraw(Pending pending) {
    for (Iterator<Pending> it = posted.iterator(); it.hasNext(); ) {
      if (it.next() == pending) {
        it.remove();
        return true;
      }
    }
    return false;
  }

  /** World rank {@code source} is gone: receives that wait for it alone can never complete. */
  void sourceLost(int source, CommException why) {
    for (Iterator<Pending> it = posted.iterator(); it.hasNext(); ) {
      Pending r = it.next();
      if (r.postedSource() == source) {
        it.remove();
        r.fail(why);
      }
    }
  }

  /** Every other rank is gone: receives from any source can only be met by this rank itself. */
  void anySourceLost(CommException why) {
    for (Iterator<Pending> it = posted.iterator(); it.hasNext(); ) {
      Pending r = it.next();
      if (r.postedSource() == ANY) {
        it.remove();
        r.fail(why);
      }
    }
  }

  /**
   * A message that arrived before its receive: its bytes are kept until one is posted; or a request
   * to send whose payload stays with the sender until then ({@code clearToSend} set, no payload).
   */
  private final class Unexpected implements Sink {
    final int context;
    final int source;
    final int tag;
    final int kind;
    final long length;
    final byte[] payload;
    final Runnable onMatch;
    final Consumer<Sink> clearToSend;
    int filled;
    boolean complete;
    boolean released;
    RecvTarget boundTarget;
    Pending boundPending;

    Unexpected(int context, int source, int tag, int kind, long length, boolean store, Runnable onMatch,
        Consumer<Sink> clearToSend) {
      this.context = context;
      this.source = source;
      this.tag = tag;
      this.kind = kind;
      this.length = length;
      this.payload = store ? new byte[(int) length] : null;
      this.onMatch = onMatch;
      this.clearToSend = clearToSend;
      if (store) {
        storedBytes += length;
      }
    }

    /** The payload is handed over or lost: it no longer counts against the budget. */
    void release() {
      if (!released && payload != null) {
        released = true;
        storedBytes -= payload.length;
      }
    }

    boolean matches(int context, int source, int tag) {
      return this.context == context && (source == ANY || source == this.source) && (tag == ANY || tag == this.tag);
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
      release();
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
      release();
      Sink sink = target.open(pending, kind, payload.length, source, tag, rankName);
      ByteBuffer in = ByteBuffer.wrap(payload).order(ElementType.ORDER);
      sink.accept(in, payload.length);
      sink.complete();
    }
  }
}
