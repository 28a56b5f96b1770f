/**
 * The face-verification providers this deployment offers (see _shared/ports/face-verification.ts).
 * None ships with the platform; register a deployment's provider here.
 */
import { FaceVerifierRegistry } from '../_shared/ports/face-verification';

export const faceVerifiers = new FaceVerifierRegistry();
