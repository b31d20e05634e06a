package io.picluster.jobs;

import java.util.List;

/** Placeholder while the primes job is written; replaced before this lands. */
final class PrimesJob implements Job {
  @Override public String name() { return "primes"; }
  @Override public String summary() { return "count (and list) the primes below N"; }
  @Override public String usage() { return "primes N"; }
  @Override public void check(List<String> args) {}
  @Override public int run(List<String> args) { throw new UnsupportedOperationException("primes"); }
}
