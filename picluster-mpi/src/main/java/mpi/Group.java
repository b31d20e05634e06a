package mpi;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An ordered set of processes, named by their job-wide (world) ranks; a member's rank in the group
 * is its position. Pure set logic: creating a group communicates with no one. Both APIs' methods.
 */
public final class Group implements Freeable {
  /** MPJ Express's code for the empty group (inlined into its programs: keep the value). */
  public static final int EMPTY = 3;

  static final Group EMPTY_GROUP = new Group(new int[0], MPI.UNDEFINED);
  static final Group NULL_GROUP = new Group(null, MPI.UNDEFINED);

  private final int[] members;
  private final int myWorldRank;
  private Map<Integer, Integer> positions;

  /** A group of these world ranks, in this order, seen from the process whose world rank is myWorldRank. */
  Group(int[] worldRanks, int myWorldRank) {
    this.members = worldRanks == null ? null : worldRanks.clone();
    this.myWorldRank = myWorldRank;
    if (members != null) {
      Set<Integer> seen = new java.util.HashSet<>();
      for (int r : members) {
        if (!seen.add(r)) {
          throw new MPIException(MPI.ERR_GROUP, "world rank " + r + " appears twice in a group");
        }
      }
    }
  }

  /** The members' world ranks, in group order (a copy). */
  int[] worldRanks() {
    return live().clone();
  }

  int myWorldRank() {
    return myWorldRank;
  }

  /** Group rank of a world rank, or MPI.UNDEFINED. */
  int rankOfWorld(int worldRank) {
    Integer p = positions().get(worldRank);
    return p == null ? MPI.UNDEFINED : p;
  }

  private synchronized Map<Integer, Integer> positions() {
    if (positions == null) {
      int[] m = live();
      Map<Integer, Integer> p = new HashMap<>(m.length * 2);
      for (int i = 0; i < m.length; i++) {
        p.put(m[i], i);
      }
      positions = p;
    }
    return positions;
  }

  private int[] live() {
    if (members == null) {
      throw new MPIException(MPI.ERR_GROUP, "this is MPI.GROUP_NULL (or a freed group)");
    }
    return members;
  }

  private Group derive(int[] worldRanks) {
    return new Group(worldRanks, myWorldRank);
  }

  // ---------------------------------------------------------------- MPJ Express

  public int Size() throws MPIException {
    return live().length;
  }

  /** This process's rank in the group, or MPI.UNDEFINED if it is not a member. */
  public int Rank() throws MPIException {
    return rankOfWorld(myWorldRank);
  }

  /** The group of the members at these ranks, in this order. */
  public Group Incl(int[] ranks) throws MPIException {
    int[] m = live();
    int[] out = new int[ranks.length];
    boolean[] used = new boolean[m.length];
    for (int i = 0; i < ranks.length; i++) {
      int r = checkRank(ranks[i], m.length, "Incl");
      if (used[r]) {
        throw new MPIException(MPI.ERR_RANK, "Incl: rank " + r + " is listed twice");
      }
      used[r] = true;
      out[i] = m[r];
    }
    return derive(out);
  }

  /** The group without the members at these ranks, in the old order. */
  public Group Excl(int[] ranks) throws MPIException {
    int[] m = live();
    boolean[] drop = new boolean[m.length];
    for (int r : ranks) {
      r = checkRank(r, m.length, "Excl");
      if (drop[r]) {
        throw new MPIException(MPI.ERR_RANK, "Excl: rank " + r + " is listed twice");
      }
      drop[r] = true;
    }
    return derive(keep(m, drop, false));
  }

  /** Incl of the ranks the (first, last, stride) triplets name. */
  public Group Range_incl(int[][] ranges) throws MPIException {
    return Incl(expand(ranges, live().length, "Range_incl"));
  }

  /** Excl of the ranks the (first, last, stride) triplets name. */
  public Group Range_excl(int[][] ranges) throws MPIException {
    return Excl(expand(ranges, live().length, "Range_excl"));
  }

  public void free() {
  }

  /** Nothing to release (MPJ Express's finalize is public and empty too). */
  @Override
  @SuppressWarnings({"deprecation", "removal"})
  public void finalize() throws MPIException {
  }

  /** For each rank of group1 in ranks1, its rank in group2 (MPI.UNDEFINED if absent, PROC_NULL kept). */
  public static int[] Translate_ranks(Group group1, int[] ranks1, Group group2) throws MPIException {
    int[] m1 = group1.live();
    group2.live();
    int[] out = new int[ranks1.length];
    for (int i = 0; i < ranks1.length; i++) {
      if (ranks1[i] == MPI.PROC_NULL) {
        out[i] = MPI.PROC_NULL;
      } else {
        out[i] = group2.rankOfWorld(m1[checkRank(ranks1[i], m1.length, "Translate_ranks")]);
      }
    }
    return out;
  }

  /** MPI.IDENT (same members, same order), MPI.SIMILAR (same members), else MPI.UNEQUAL. */
  public static int Compare(Group group1, Group group2) throws MPIException {
    int[] a = group1.live();
    int[] b = group2.live();
    if (Arrays.equals(a, b)) {
      return MPI.IDENT;
    }
    if (a.length != b.length) {
      return MPI.UNEQUAL;
    }
    for (int r : a) {
      if (group2.rankOfWorld(r) == MPI.UNDEFINED) {
        return MPI.UNEQUAL;
      }
    }
    return MPI.SIMILAR;
  }

  /** group1's members, then group2's that are not in group1. */
  public static Group Union(Group group1, Group group2) throws MPIException {
    Set<Integer> s = new LinkedHashSet<>();
    for (int r : group1.live()) {
      s.add(r);
    }
    for (int r : group2.live()) {
      s.add(r);
    }
    return group1.derive(s.stream().mapToInt(Integer::intValue).toArray());
  }

  /** group1's members that are also in group2, in group1's order. */
  public static Group Intersection(Group group1, Group group2) throws MPIException {
    return group1.derive(filter(group1, group2, true));
  }

  /** group1's members that are not in group2, in group1's order. */
  public static Group Difference(Group group1, Group group2) throws MPIException {
    return group1.derive(filter(group1, group2, false));
  }

  // ---------------------------------------------------------------- Open MPI

  public int getSize() throws MPIException {
    return Size();
  }

  public int getRank() throws MPIException {
    return Rank();
  }

  public boolean isNull() {
    return members == null;
  }

  public Group incl(int[] ranks) throws MPIException {
    return Incl(ranks);
  }

  public Group excl(int[] ranks) throws MPIException {
    return Excl(ranks);
  }

  public Group rangeIncl(int[][] ranges) throws MPIException {
    return Range_incl(ranges);
  }

  public Group rangeExcl(int[][] ranges) throws MPIException {
    return Range_excl(ranges);
  }

  public static int[] translateRanks(Group group1, int[] ranks1, Group group2) throws MPIException {
    return Translate_ranks(group1, ranks1, group2);
  }

  public static int compare(Group group1, Group group2) throws MPIException {
    return Compare(group1, group2);
  }

  public static Group union(Group group1, Group group2) throws MPIException {
    return Union(group1, group2);
  }

  public static Group intersection(Group group1, Group group2) throws MPIException {
    return Intersection(group1, group2);
  }

  public static Group difference(Group group1, Group group2) throws MPIException {
    return Difference(group1, group2);
  }

  @Override
  public String toString() {
    return members == null ? "MPI.GROUP_NULL" : "Group" + Arrays.toString(members);
  }

  // ---------------------------------------------------------------- helpers

  private static int checkRank(int r, int size, String what) {
    if (r < 0 || r >= size) {
      throw new MPIException(MPI.ERR_RANK, what + ": rank " + r + " is not in the group (size " + size + ")");
    }
    return r;
  }

  private static int[] keep(int[] m, boolean[] flag, boolean want) {
    int n = 0;
    for (boolean f : flag) {
      if (f == want) {
        n++;
      }
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < m.length; i++) {
      if (flag[i] == want) {
        out[k++] = m[i];
      }
    }
    return out;
  }

  private static int[] filter(Group group1, Group group2, boolean inBoth) {
    int[] a = group1.live();
    group2.live();
    boolean[] in2 = new boolean[a.length];
    for (int i = 0; i < a.length; i++) {
      in2[i] = group2.rankOfWorld(a[i]) != MPI.UNDEFINED;
    }
    return keep(a, in2, inBoth);
  }

  private static int[] expand(int[][] ranges, int size, String what) {
    int total = 0;
    for (int[] t : ranges) {
      if (t == null || t.length < 3) {
        throw new MPIException(MPI.ERR_ARG, what + ": every range must be a (first, last, stride) triplet");
      }
      if (t[2] == 0) {
        throw new MPIException(MPI.ERR_ARG, what + ": a stride of 0 is not allowed");
      }
      checkRank(t[0], size, what);
      checkRank(t[1], size, what);
      long n = (long) (t[1] - t[0]) / t[2] + 1;
      if (n > 0) {
        total += (int) n;
      }
    }
    int[] out = new int[total];
    int k = 0;
    for (int[] t : ranges) {
      int first = t[0];
      int last = t[1];
      int stride = t[2];
      for (int r = first; stride > 0 ? r <= last : r >= last; r += stride) {
        out[k++] = r;
      }
    }
    return out;
  }
}
