import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TeamSummary, UserSummary } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { CreateTeamDto, CreateUserDto, UpdateUserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin', 'supervisor')
  @Get('users')
  list(): Promise<UserSummary[]> {
    return this.users.list();
  }

  @Roles('admin')
  @Post('users')
  create(@Body() body: CreateUserDto): Promise<UserSummary> {
    return this.users.create(body);
  }

  @Roles('admin')
  @Patch('users/:id')
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserDto): Promise<UserSummary> {
    return this.users.update(id, body);
  }

  @Roles('admin', 'supervisor', 'ops', 'agent')
  @Get('teams')
  listTeams(): Promise<TeamSummary[]> {
    return this.users.listTeams();
  }

  @Roles('admin')
  @Post('teams')
  createTeam(@Body() body: CreateTeamDto): Promise<TeamSummary> {
    return this.users.createTeam(body.name);
  }

  /** Renames a team (its members, hours and rules stay): 409 when another team has the name. */
  @Roles('admin')
  @Patch('teams/:id')
  renameTeam(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateTeamDto,
  ): Promise<TeamSummary> {
    return this.users.renameTeam({ id, name: body.name });
  }
}
