import { z } from "zod";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "../security/password-policy";
import { ROLES } from "../roles";

export const roleSchema = z.enum(ROLES);

const emailSchema = z.string().trim().toLowerCase().email("Enter a valid email address").max(254);

export const signInSchema = z.strictObject({
  email: emailSchema,
  // Any length the policy ever allowed; the policy itself applies to new passwords only.
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX_LENGTH),
});

/** A new password (lib/security/password-policy.ts); the email, when known, is checked against it too. */
export const newPasswordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const createUserSchema = z
  .strictObject({
    email: emailSchema,
    name: z.string().trim().min(1, "Enter a name").max(100),
    password: newPasswordSchema,
    role: roleSchema,
  })
  .superRefine((user, ctx) => {
    const problem = passwordProblem(user.password, user.email);
    if (problem && !passwordProblem(user.password)) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

/**
 * An admin changes a user's role, sets a new password, or both (either ends the user's sessions); or
 * deactivates (`active: false`) or reactivates the account, on its own.
 */
export const updateUserSchema = z
  .strictObject({ role: roleSchema.optional(), password: newPasswordSchema.optional(), active: z.boolean().optional() })
  .refine((u) => u.role !== undefined || u.password !== undefined || u.active !== undefined, {
    message: "Give a role or a password, or set active to true or false",
  })
  .refine((u) => u.active === undefined || (u.role === undefined && u.password === undefined), {
    message: "Deactivate or reactivate an account on its own, not with a role or password change",
  });

export type SignInInput = z.infer<typeof signInSchema>;
export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
