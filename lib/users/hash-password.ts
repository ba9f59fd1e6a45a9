import "server-only";
import bcrypt from "bcryptjs";

// Cost 10, as the demo seed and verifyCredentials' dummy hash use: about 50–100 ms per sign-in.
const BCRYPT_COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}
