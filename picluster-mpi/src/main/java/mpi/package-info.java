/**
 * Existing Java MPI programs, unmodified: the mpiJava 1.2 API as MPJ Express 0.44 has it
 * ({@code MPI.COMM_WORLD.Rank()}, {@code Send(buf, offset, count, MPI.INT, dest, tag)}) and Open
 * MPI's Java API ({@code getRank()}, {@code send(buf, count, MPI.INT, dest, tag)}), both served by
 * one set of classes over picluster-comm. Case keeps the two vocabularies apart.
 */
package mpi;
