"use client";

import { LoadError } from "@/app/_components/load-error";

// Pages inside the console keep the navigation; a failure in the console layout itself
// (it reads the signed-in user from the database) is caught by app/error.tsx.
export default LoadError;
