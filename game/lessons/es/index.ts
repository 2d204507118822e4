/** The lesson cards' words in Spanish, by card id (game/lessons/localize.ts lays them over the English cards). */
import type { CardText } from '../localize';
import { ADVANCED_ES } from './cards-advanced';
import { FOUNDATIONS_ES } from './cards-foundations';
import { RESPONSIBLE_ES } from './cards-responsible';
import { TRAINING_ES } from './cards-training';

export const CARD_TEXT_ES: Record<string, CardText> = { ...FOUNDATIONS_ES, ...TRAINING_ES, ...ADVANCED_ES, ...RESPONSIBLE_ES };
