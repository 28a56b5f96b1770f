/**
 * Port for face verification (刷脸核验), the alternative to a village cadre's on-site confirmation.
 * The platform ships no provider: a deployment that contracts one (for example a government identity
 * service or WeChat's own real-name face check) implements `FaceVerifier`, registers it in
 * `cloudfunctions/user/face-providers.ts`, and names it in the function's environment variable
 * YKT_FACE_VERIFIER. The mini program obtains a one-time `token` from the provider's own component
 * and passes it to `user.faceVerify`; the provider checks that token against the registered name and
 * ID number server-side. Without a configured provider, residents are told to ask their village cadre.
 */

export interface FaceVerificationRequest {
  name: string;
  idNumber: string;
  /** One-time token from the provider's client component, never trusted on its own. */
  token: string;
}

export interface FaceVerificationResult {
  matched: boolean;
  /** The provider's reference for the check, kept in the audit log. */
  reference: string;
}

export interface FaceVerifier {
  readonly name: string;
  verify(request: FaceVerificationRequest): Promise<FaceVerificationResult>;
}

export class FaceVerifierRegistry {
  private readonly providers = new Map<string, FaceVerifier>();

  register(verifier: FaceVerifier): void {
    if (this.providers.has(verifier.name)) throw new Error(`face verifier ${verifier.name} registered twice`);
    this.providers.set(verifier.name, verifier);
  }

  /** The provider the environment names, or null when none is configured. */
  configured(name = process.env.YKT_FACE_VERIFIER ?? ''): FaceVerifier | null {
    if (!name) return null;
    const verifier = this.providers.get(name);
    if (!verifier) throw new Error(`YKT_FACE_VERIFIER names ${name}, which is not registered`);
    return verifier;
  }
}
