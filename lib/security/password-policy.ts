/**
 * The password policy for new and changed passwords: at least 10 characters, at most 200, not one of
 * the most common passwords (nor one of their usual words with digits or symbols around it), not a
 * single repeated character, and not the account's own email. Pure; used by the zod schemas of
 * lib/validations/user.ts, so the form and the API give the same message. Signing in never applies it
 * (an old password keeps working until it is changed); the demo accounts' passwords pass it.
 */

export const PASSWORD_MIN_LENGTH = 10;
/** Argon2id has no length cut (bcrypt ignored bytes past 72); the cap only bounds the hashing work. */
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Among the most common passwords of public breach lists, those long enough to pass the length rule
 * (shorter ones are refused anyway), lower case.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "1234567890",
  "12345678910",
  "123456789012",
  "0987654321",
  "1234512345",
  "1234554321",
  "1122334455",
  "1q2w3e4r5t",
  "1q2w3e4r5t6y",
  "q1w2e3r4t5",
  "1qaz2wsx3edc",
  "zaq12wsxcde3",
  "qwertyuiop",
  "qwerty1234",
  "qwerty12345",
  "qwerty123456",
  "asdfghjkl1",
  "asdfghjkl;",
  "zxcvbnm123",
  "abcdefghij",
  "abcd1234567",
  "abc1234567",
  "password1",
  "password12",
  "password123",
  "password1234",
  "password12345",
  "password!",
  "p@ssw0rd123",
  "passw0rd123",
  "iloveyou12",
  "iloveyou123",
  "iloveyou1234",
  "princess123",
  "sunshine123",
  "football123",
  "baseball123",
  "superman123",
  "michael123",
  "jennifer123",
  "starwars123",
  "whatever123",
  "trustno1234",
  "letmein123",
  "letmein1234",
  "welcome123",
  "welcome1234",
  "administrator",
  "admin12345",
  "admin123456",
  "changeme123",
  "changeme1234",
  "qazwsxedcrfv",
  "1qazxsw23edc",
  "dragon1234",
  "monkey12345",
  "master12345",
  "shadow12345",
  "chocolate1",
  "basketball",
  "basketball1",
  "football12",
  "sunflower1",
  "butterfly1",
  "strawberry",
  "pokemon123",
  "computer123",
  "internet123",
  "samsung123",
  "liverpool1",
  "liverpool123",
  "chelsea123",
  "arsenal123",
  "11111111111",
  "abcdef123456",
  "aaaaaaaaaa",
]);

/** Words that, with only digits or symbols around them, make a guessable password ("Password2024!"). */
const COMMON_WORDS: ReadonlySet<string> = new Set([
  "password",
  "passwort",
  "passw",
  "qwerty",
  "qwertz",
  "azerty",
  "letmein",
  "welcome",
  "admin",
  "administrator",
  "iloveyou",
  "dragon",
  "monkey",
  "football",
  "baseball",
  "basketball",
  "soccer",
  "hockey",
  "sunshine",
  "princess",
  "superman",
  "batman",
  "starwars",
  "master",
  "shadow",
  "whatever",
  "trustno",
  "login",
  "changeme",
  "secret",
  "abc",
  "abcdef",
  "asdf",
  "asdfgh",
  "asdfghjkl",
  "zxcvbn",
  "zxcvbnm",
  "qazwsx",
  "test",
  "guest",
  "user",
  "summer",
  "winter",
  "spring",
  "autumn",
  "hello",
  "freedom",
  "computer",
  "internet",
  "pokemon",
  "charlie",
]);

/** The message to show when `password` breaks the policy, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Passwords have at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Passwords have at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (new Set(lower).size === 1) return "A password of one repeated character is too easy to guess; choose another.";
  if (COMMON_PASSWORDS.has(lower)) return "This is one of the most common passwords; choose another.";
  // "Password2024!", "P@ssw0rd1": drop the digits and symbols around the letters, undo the usual substitutions.
  const core = stripEnds(lower);
  if ([core, unleet(core), stripEnds(unleet(lower))].some((word) => COMMON_WORDS.has(word))) {
    return "This is a common word with digits or symbols around it; choose a longer, less predictable password.";
  }
  if (email) {
    const address = email.trim().toLowerCase();
    const local = address.split("@")[0] ?? "";
    if (lower === address || lower === local) return "A password may not be the account's email address.";
  }
  return null;
}

function stripEnds(value: string): string {
  return value.replace(/^[^a-z]+|[^a-z]+$/g, "");
}

function unleet(value: string): string {
  return value.replace(/[@4]/g, "a").replace(/3/g, "e").replace(/[1!]/g, "i").replace(/0/g, "o").replace(/[$5]/g, "s");
}
