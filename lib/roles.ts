/** Roles and what each may do. Pure: shared by pages, route handlers and the client. */
export const ROLES = ["admin", "expert", "analyst"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  admin: "/admin/users",
  expert: "/queue",
  analyst: "/datasets",
};

export const ROLE_LABEL: Record<Role, string> = {
  admin: "Admin",
  expert: "Expert",
  analyst: "Analyst",
};

/** Who may do what; every page and route handler asks through `can`. */
export const PERMISSIONS = {
  manageUsers: ["admin"],
  uploadDatasets: ["admin"],
  /** Change which split a sequence is in (before the dataset's first run). */
  editSplits: ["admin"],
  viewDatasets: ["admin", "analyst", "expert"],
  viewGroundTruth: ["admin", "analyst"],
  startRuns: ["admin"],
  requestQueries: ["admin", "analyst"],
  label: ["expert"],
  resolveLabels: ["admin"],
  setThresholds: ["admin"],
  analyse: ["admin", "analyst"],
  /** Start and cancel an evaluation run of the harness from the Experiments page. */
  runExperiments: ["admin"],
  deleteData: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
