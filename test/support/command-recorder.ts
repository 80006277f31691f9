import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RecordedCommand {
  name: string;
  input: Record<string, any>;
}

/** Records every command a document client sends (name and input), to show what a request path does. */
export function recordCommands(doc: DynamoDBDocumentClient): { commands: RecordedCommand[]; clear(): void } {
  const commands: RecordedCommand[] = [];
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push({ name: String(context.commandName), input: args.input as Record<string, any> });
      return next(args);
    },
    { step: 'initialize', name: `recorder-${Math.random()}` },
  );
  return { commands, clear: () => void commands.splice(0) };
}
