/** More project-written out_of_scope examples: assistant chores, small talk, everyday questions. */
import type { IntentTemplates } from './expand.js';

const d = 'out_of_scope' as const;
const o = (intent: string, templates: string[], count = 30): IntentTemplates => ({
  intent,
  department: d,
  templates,
  count,
});

/** More out-of-scope intents. */
export const SMALL_TALK: IntentTemplates[] = [
  o('bot_identity', [
    '{are you|r u|am I talking to} {a bot|a robot|an ai|a computer|a machine|human|a real person}',
    '{is this|am I chatting with} {a bot|an automated system|a person}',
    '{do you|have you got} {pets|a cat|a dog|a family|siblings}',
    '{how old|what age} are you',
    '{what do you do|what are your hobbies|what do you like} {for fun|in your free time}',
    '{what can I ask you|what are you able to do|what can you help me with|what do you know}',
    '{who built|who programmed|which company made} you',
  ]),
  o('phone_calls', [
    '{call|ring|phone|dial} <person> [now|on speaker]',
    '{find|locate|where is} my {phone|iphone|mobile}',
    '{I|i} {cant find|misplaced|lost} my phone {somewhere in the house|at home}, {ring it|make it ring}',
    '{send|write} a text to <person> [saying {hi|im late|call me}]',
    '{thank you|thanks|cheers} {so much|a lot|very much|for that}',
  ]),
  o('everyday', [
    '{how far|what is the distance|how many miles} {is|from} <city> {to|from} <city>',
    '{how long|how many hours} {does it take|is the drive} {to drive|to fly} {to|from} <city>',
    '{what can I use|substitute|can I replace} {instead of|for} {eggs|butter|flour|sour cream|baking soda}',
    '{how long does|when does} {cooked chicken|milk|an open jar of salsa|fresh fish} {last|go bad}',
    '{what|which} {vaccines|shots} {do I need|should I get} {for|before traveling to} <country>',
    '{what|which} {plug|adapter} {do I need|is used} in <country>',
    '{is|are there} {travel alerts|safety warnings} for <country>',
    '{how busy|how crowded} is {the gym|the museum|costco|the beach} {right now|today}',
    '{how long|what temperature} {should I|do I} cook <food> [for]',
    '{what|give me} {nutrition info|the calories|the protein} {for|in} <food>',
    '{suggest|what should I cook} {a meal|dinner|something} {for tonight|with chicken|for lunch}',
  ]),
  o('life_admin', [
    '{when|how often} {do I|should I} {rotate my tires|get an oil change|service my car}',
    '{where can I|whats the cheapest place to} {get gas|buy fuel|fill up}',
    '{change|update|switch} my {car insurance|health insurance|insurance provider|insurance plan}',
    '{what|when} {are|is} {my|the} {taxes|tax return|property tax} due',
    '{how much|what} {do I earn|is my income|did I make} {this year|last year|per month}',
    '{give me directions|navigate|how do I get} to {the mall|the nearest gas station|<city>|the museum}',
    '{turn on|turn off|set} the {thermostat|lights|tv|speaker} [to znum]',
    '{play|put on} {the next|another|a} {song|podcast|album|playlist}',
  ]),
];
