/**
 * The emulator has no users, but SFMC names the acting user in many answers: as a number
 * (createdBy / lastUpdatedBy / owner on filter definitions, recorded email/v1/filters/filterdefinition/*),
 * as a legacy {id, name, email} (legacy automation definitions) and by name (createdByName).
 * One fixed user stands in everywhere.
 */
export const EMULATOR_USER = {
  id: 700000001,
  legacyId: 'c2ZtYy1raXQtZW11bGF0b3I6NDow',
  name: 'sfmc-kit emulator',
  email: '',
} as const;

export const legacyUser = () => ({
  id: EMULATOR_USER.legacyId,
  name: EMULATOR_USER.name,
  email: EMULATOR_USER.email,
});
