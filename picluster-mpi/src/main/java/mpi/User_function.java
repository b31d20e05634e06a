package mpi;

/**
 * MPJ Express's user reduction: combine {@code count} items of {@code datatype} from
 * {@code invec} (starting at element {@code inoffset}) into {@code inoutvec} (from
 * {@code inoutoffset}): inoutvec = invec op inoutvec, where invec holds the lower ranks' data.
 */
public abstract class User_function {
  public User_function() {
  }

  public abstract void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count,
      Datatype datatype) throws MPIException;
}
