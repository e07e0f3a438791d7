import { z } from "zod";
import { ROLES } from "../../db/enums";
import { whenValid } from "./form";

/** The login form: no rule beyond sizes, so a wrong name and a wrong password read the same. */
export const LoginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  redirectTo: z.string().optional(),
});

const villageIds = z.array(z.coerce.number().int().positive()).default([]);

export const NewUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{3,32}$/, "error.username"),
    displayName: z.string().trim().min(1, "error.required").max(40, "error.tooLong"),
    role: z.enum(ROLES, { error: "error.role" }),
    password: z.string().min(8, "error.password").max(128, "error.tooLong"),
    villageIds,
  })
  .refine((u) => u.role !== "clerk" || u.villageIds.length > 0, {
    path: ["villageIds"],
    message: "error.clerkVillages",
    ...whenValid("role", "villageIds"),
  });

export const UserAccessSchema = z
  .object({
    userId: z.coerce.number().int().positive(),
    displayName: z.string().trim().min(1, "error.required").max(40, "error.tooLong"),
    role: z.enum(ROLES, { error: "error.role" }),
    villageIds,
  })
  .refine((u) => u.role !== "clerk" || u.villageIds.length > 0, {
    path: ["villageIds"],
    message: "error.clerkVillages",
    ...whenValid("role", "villageIds"),
  });

export const ResetPasswordSchema = z.object({
  userId: z.coerce.number().int().positive(),
  password: z.string().min(8, "error.password").max(128, "error.tooLong"),
});

export type NewUserInput = z.output<typeof NewUserSchema>;
export type UserAccessInput = z.output<typeof UserAccessSchema>;
