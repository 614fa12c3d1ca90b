namespace Argus.PromQL.Ast;

public enum MatchCardinality : byte
{
    OneToOne,
    ManyToOne,
    OneToMany,
    ManyToMany,
}
