// The test identity provider's people: the login typed on its form is the account id.
export const OIDC_ACCOUNTS = {
  "oidc-lead": { name: "Olivia OIDC Lead", role: "lead" },
  "oidc-responder": { name: "Omar OIDC Responder", role: "responder" },
  "oidc-nobody": { name: "Nadia No Role", role: null },
} as const;

export const OIDC_CLIENT = { id: "headroom-e2e", secret: "e2e-oidc-client-secret-e2e-oidc-client-secret" } as const;
export const OIDC_EMAIL_DOMAIN = "oidc.example";
