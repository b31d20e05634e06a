package mpi;

/**
 * An intercommunicator: two disjoint groups, made by Create_intercomm/createIntercomm. Waiting for
 * picluster-comm's InterComm: until then creating one is an error.
 */
public final class Intercomm extends Comm {
  /** A null intercommunicator (getParent of a process that was not spawned). */
  Intercomm() {}

  static Intercomm create(io.picluster.comm.Comm local, int localLeader, io.picluster.comm.Comm peer,
      int remoteLeader, int tag) {
    throw new MPIException(MPI.ERR_UNSUPPORTED_OPERATION, "intercommunicators are not available yet");
  }

  Group remoteGroup() {
    throw new MPIException(MPI.ERR_UNSUPPORTED_OPERATION, "intercommunicators are not available yet");
  }

  @Override
  public boolean Test_inter() throws MPIException {
    return true;
  }

  public static Intercomm getParent() throws MPIException {
    return new Intercomm();
  }

  private static MPIException notYet() {
    return new MPIException(MPI.ERR_UNSUPPORTED_OPERATION, "intercommunicators are not available yet");
  }

  public int Remote_size() throws MPIException {
    throw notYet();
  }

  public Group Remote_group() throws MPIException {
    throw notYet();
  }

  public Intracomm Merge(boolean high) throws MPIException {
    throw notYet();
  }

  public int getRemoteSize() throws MPIException {
    throw notYet();
  }

  public Group getRemoteGroup() throws MPIException {
    throw notYet();
  }

  public Intracomm merge(boolean high) throws MPIException {
    throw notYet();
  }
}
