import { z } from "zod";
import { ROLES } from "../roles";

export const roleSchema = z.enum(ROLES);

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(200),
});

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  name: z.string().trim().min(1, "Enter a name").max(100),
  password: z.string().min(8, "Passwords have at least 8 characters").max(200),
  role: roleSchema,
});

export const updateUserSchema = z.object({ role: roleSchema });

export type SignInInput = z.infer<typeof signInSchema>;
export type CreateUserInput = z.infer<typeof createUserSchema>;
