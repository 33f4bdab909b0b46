export declare const clockOffsetMs: number;
export declare const testNow: () => Date;
export declare const clockScript: () => string;
